package org.convncf.service.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.convncf.service.model.ModelHolder;
import org.convncf.service.system.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores events durably and idempotently. The answer is given only after the transaction commits;
 * an event whose id is already stored (a retry) is reported as a duplicate and not stored twice.
 */
@Service
public class EventService {

    private static final Logger log = LoggerFactory.getLogger(EventService.class);

    /** What happened to one event. */
    public record Outcome(String eventId, String status) {
    }

    /**
     * @param stored      events stored by this request
     * @param duplicates  events already stored (retries), or repeated within the request
     * @param events      per event, in request order
     * @param notScorable items the serving model does not know yet: stored, used after retraining
     */
    public record Result(int stored, int duplicates, List<Outcome> events, List<String> notScorable) {
    }

    private final EventRepository repository;
    private final EventNotifications notifications;
    private final UserHistories histories;
    private final ModelHolder models;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Counter storedCounter;
    private final Counter duplicateCounter;

    EventService(EventRepository repository, EventNotifications notifications, UserHistories histories, ModelHolder models,
            TransactionTemplate transactions, Clock clock, MeterRegistry meters) {
        this.repository = repository;
        this.notifications = notifications;
        this.histories = histories;
        this.models = models;
        this.transactions = transactions;
        this.clock = clock;
        this.storedCounter = Counter.builder("convncf.events.ingested").tag("result", "stored").register(meters);
        this.duplicateCounter = Counter.builder("convncf.events.ingested").tag("result", "duplicate").register(meters);
    }

    public Result ingest(List<Event> events) {
        // Repeats within one request: the same content is a duplicate, different content is an error.
        Map<String, Integer> firstIndex = new HashMap<>();
        List<Event> unique = new ArrayList<>();
        boolean[] repeated = new boolean[events.size()];
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            Integer j = firstIndex.putIfAbsent(e.eventId(), i);
            if (j == null) {
                unique.add(e);
            } else if (events.get(j).sameContentAs(e)) {
                repeated[i] = true;
            } else {
                throw ApiException.unprocessable("events[" + i + "] reuses the eventId of events[" + j
                        + "] with different content");
            }
        }
        Set<String> users = new LinkedHashSet<>();
        unique.forEach(e -> users.add(e.user()));
        boolean[] storedNow;
        try {
            storedNow = transactions.execute(status -> {
                boolean[] s = repository.insert(unique, clock.instant());
                notifications.notifyUsers(users);
                return s;
            });
        } catch (DataAccessResourceFailureException | TransientDataAccessException | RecoverableDataAccessException e) {
            // The database is unreachable or busy: nothing was committed, a retry can succeed. Any other
            // data-access failure is a defect, answered as a 500 by the error handler (and logged).
            log.warn("Event store unavailable; refused {} events: {}", events.size(), e.getMostSpecificCause().getMessage());
            throw ApiException.unavailable("the event store is unavailable; nothing was stored, retry later", 5);
        }
        histories.databaseReachable();
        users.forEach(histories::invalidate);

        List<Outcome> outcomes = new ArrayList<>(events.size());
        int stored = 0;
        int u = 0;
        for (int i = 0; i < events.size(); i++) {
            boolean isNew = !repeated[i] && storedNow[u++];
            stored += isNew ? 1 : 0;
            outcomes.add(new Outcome(events.get(i).generated() ? null : events.get(i).eventId(),
                    isNew ? "stored" : "duplicate"));
        }
        storedCounter.increment(stored);
        duplicateCounter.increment(events.size() - stored);
        return new Result(stored, events.size() - stored, outcomes, notScorable(events));
    }

    private List<String> notScorable(List<Event> events) {
        Set<String> unknown = new LinkedHashSet<>();
        try (var lease = models.acquire().orElse(null)) {
            if (lease == null) {
                return List.of();
            }
            var items = lease.model().model().items();
            for (Event e : events) {
                if (!items.contains(e.item())) {
                    unknown.add(e.item());
                }
            }
        }
        return new ArrayList<>(unknown);
    }
}
