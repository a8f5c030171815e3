package org.convncf.service.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Users' recent items from the event store, behind a Caffeine cache. A write on this replica
 * invalidates the user's entry before it is acknowledged; writes on other replicas invalidate it by
 * database notification; {@code cacheTtl} bounds staleness if a notification is lost. When the
 * database is unreachable the last known history (or none) is used and the result says so; after a
 * failed read the database is left alone for two seconds, so that requests do not each wait for
 * its timeout.
 */
@Service
public class UserHistories {

    private static final Logger log = LoggerFactory.getLogger(UserHistories.class);

    /** A user's recent distinct items, newest first. */
    public record History(List<String> items, boolean degraded) {
    }

    private record Entry(List<String> items, long loadedAtNanos) {
    }

    /** Told when cached histories are dropped, so that what was derived from them can be dropped too. */
    public interface InvalidationListener {
        void invalidated(String user);

        void invalidatedAll();
    }

    private final List<InvalidationListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final EventRepository repository;
    private final EventProperties properties;
    private final Cache<String, Entry> cache;
    private final long ttlNanos;
    /**
     * Invalidation generations, striped by user: a read that raced an invalidation must not put the
     * history it read (possibly older than the write) back into the cache.
     */
    private final AtomicLongArray generations = new AtomicLongArray(4096);
    /** After a failed read, skip the database until this time (System.nanoTime) and answer degraded at once. */
    private volatile long unavailableUntilNanos = System.nanoTime();
    private static final long BACKOFF_NANOS = 2_000_000_000L;

    UserHistories(EventRepository repository, EventProperties properties, MeterRegistry meters) {
        this.repository = repository;
        this.properties = properties;
        this.ttlNanos = properties.cacheTtl().toNanos();
        // Entries outlive the TTL (up to an hour) so that they can stand in while the database is down.
        this.cache = Caffeine.newBuilder().maximumSize(properties.cacheSize())
                .expireAfterAccess(Duration.ofHours(1)).recordStats().build();
        CaffeineCacheMetrics.monitor(meters, cache, "userHistories");
    }

    /** The user's recent distinct items, newest first. */
    public History recent(String user) {
        Entry entry = cache.getIfPresent(user);
        long now = System.nanoTime();
        if (entry != null && now - entry.loadedAtNanos() < ttlNanos) {
            return new History(entry.items(), false);
        }
        if (now - unavailableUntilNanos < 0) {
            return new History(entry != null ? entry.items() : List.of(), true);
        }
        int stripe = stripe(user);
        long generation = generations.get(stripe);
        try {
            List<String> items = List.copyOf(repository.recentItems(user, properties.recentEvents()));
            if (ttlNanos > 0 && generations.get(stripe) == generation) {
                cache.put(user, new Entry(items, now));
            }
            return new History(items, false);
        } catch (DataAccessException e) {
            // Do not make every request wait for the database's timeout while it is down.
            unavailableUntilNanos = System.nanoTime() + BACKOFF_NANOS;
            log.warn("Event store unavailable while reading the history of a user; using {} (and cached or empty"
                    + " histories for the next 2 s): {}", entry != null ? "the cached history" : "no history",
                    e.getMostSpecificCause().getMessage());
            return new History(entry != null ? entry.items() : List.of(), true);
        }
    }

    /** A write has just succeeded: the database is back, stop answering from the cache alone. */
    public void databaseReachable() {
        unavailableUntilNanos = System.nanoTime();
    }

    public void addInvalidationListener(InvalidationListener listener) {
        listeners.add(listener);
    }

    /** Forgets the cached history of {@code user} (it has new events). */
    public void invalidate(String user) {
        generations.incrementAndGet(stripe(user));
        cache.invalidate(user);
        listeners.forEach(l -> l.invalidated(user));
    }

    private int stripe(String user) {
        int h = user.hashCode();
        return (h ^ (h >>> 16)) & (generations.length() - 1);
    }

    /** Forgets every cached history (after missed notifications). */
    public void invalidateAll() {
        for (int i = 0; i < generations.length(); i++) {
            generations.incrementAndGet(i);
        }
        cache.invalidateAll();
        listeners.forEach(InvalidationListener::invalidatedAll);
    }
}
