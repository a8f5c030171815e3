package org.convncf.service.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.convncf.service.model.ModelHolder;
import org.convncf.service.system.ApiException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/** Idempotency and the in-request duplicate rules of {@link EventService}, with the repository mocked. */
class EventServiceTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final Instant T = Instant.parse("2026-11-26T11:00:00Z");

    private final EventRepository repository = mock(EventRepository.class);
    private final EventNotifications notifications = mock(EventNotifications.class);
    private final UserHistories histories = mock(UserHistories.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TransactionTemplate direct = new TransactionTemplate() {
        @Override
        public <R> R execute(TransactionCallback<R> action) {
            return action.doInTransaction(null);
        }
    };
    private final EventService service = new EventService(repository, notifications, histories, new ModelHolder(), direct,
            Clock.fixed(NOW, ZoneOffset.UTC), meters);

    private static Event event(String id, String user, String item) {
        return new Event(id, false, user, item, "click", T);
    }

    @SuppressWarnings("unchecked")
    private List<Event> inserted() {
        ArgumentCaptor<List<Event>> captor = ArgumentCaptor.forClass((Class<List<Event>>) (Class<?>) List.class);
        verify(repository).insert(captor.capture(), any());
        return captor.getValue();
    }

    @Test
    void storesAndReportsEachEvent() {
        when(repository.insert(any(), any())).thenReturn(new boolean[] {true, false});
        EventService.Result r = service.ingest(List.of(event("e1", "alice", "i1"), event("e2", "alice", "i2")));
        assertThat(r.stored()).isEqualTo(1);
        assertThat(r.duplicates()).isEqualTo(1);
        assertThat(r.events()).containsExactly(new EventService.Outcome("e1", "stored"),
                new EventService.Outcome("e2", "duplicate"));
        assertThat(r.notScorable()).isEmpty(); // no model loaded: nothing to compare with
        verify(histories).invalidate("alice");
        verify(notifications).notifyUsers(any());
        assertThat(meters.get("convncf.events.ingested").tag("result", "stored").counter().count()).isEqualTo(1.0);
        assertThat(meters.get("convncf.events.ingested").tag("result", "duplicate").counter().count()).isEqualTo(1.0);
    }

    @Test
    void anIdenticalRepeatWithinOneRequestIsADuplicateAndStoredOnce() {
        when(repository.insert(any(), any())).thenReturn(new boolean[] {true});
        EventService.Result r = service.ingest(List.of(event("e1", "alice", "i1"), event("e1", "alice", "i1")));
        assertThat(inserted()).hasSize(1);
        assertThat(r.stored()).isEqualTo(1);
        assertThat(r.duplicates()).isEqualTo(1);
        assertThat(r.events()).extracting(EventService.Outcome::status).containsExactly("stored", "duplicate");
    }

    @Test
    void aRepeatedEventIdWithDifferentContentIs422AndNothingIsStored() {
        assertThatThrownBy(() -> service.ingest(List.of(event("e1", "alice", "i1"), event("e2", "alice", "i2"),
                event("e1", "alice", "i9"))))
                .isInstanceOf(ApiException.class)
                .hasMessage("events[2] reuses the eventId of events[0] with different content")
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT));
        verifyNoInteractions(repository, histories);
    }

    @Test
    void aRepeatedEventIdWithAnotherTimestampIsAConflict() {
        Event a = event("e1", "alice", "i1");
        Event b = new Event("e1", false, "alice", "i1", "click", T.plusSeconds(1));
        assertThatThrownBy(() -> service.ingest(List.of(a, b))).isInstanceOf(ApiException.class)
                .hasMessage("events[1] reuses the eventId of events[0] with different content");
    }

    @Test
    void eventsWithoutAnIdAreNeverDuplicatesOfEachOther() {
        when(repository.insert(any(), any())).thenReturn(new boolean[] {true, true});
        Event a = new Event("gen-1", true, "alice", "i1", "interaction", NOW);
        Event b = new Event("gen-2", true, "alice", "i1", "interaction", NOW);
        EventService.Result r = service.ingest(List.of(a, b));
        assertThat(r.stored()).isEqualTo(2);
        assertThat(r.events()).extracting(EventService.Outcome::eventId).containsExactly(null, null);
    }

    @Test
    void theEventStoreBeingDownIs503AndTheCacheIsUntouched() {
        when(repository.insert(any(), any())).thenThrow(new DataAccessResourceFailureException("connection refused"));
        assertThatThrownBy(() -> service.ingest(List.of(event("e1", "alice", "i1"))))
                .isInstanceOf(ApiException.class)
                .hasMessage("the event store is unavailable; nothing was stored, retry later")
                .satisfies(e -> {
                    assertThat(((ApiException) e).status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(((ApiException) e).retryAfterSeconds()).isEqualTo(5);
                });
        verify(histories, never()).invalidate(any());
    }
}
