package org.convncf.service.recommend;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.convncf.service.events.EventProperties;
import org.convncf.service.events.UserHistories;
import org.springframework.stereotype.Component;

/**
 * Users' embeddings f(u), cached per user for the model version and the exact recent history they
 * were computed from. A new event invalidates the user's entry explicitly (this replica: at once;
 * other replicas: through the history cache's NOTIFY invalidation); and an entry whose version or
 * history no longer matches is recomputed, so a cached embedding is never staler than the history it
 * would be computed from. Statistics are exported as cache {@code userEmbeddings}.
 */
@Component
class UserEmbeddings implements UserHistories.InvalidationListener {

    /** f(u) for the scoring model and, when the retrieval model is another one, for that one. */
    record Embedded(float[] scoring, float[] retrieval) {
    }

    private record Entry(String version, List<String> history, Embedded embedded) {
    }

    private final Cache<String, Entry> cache;

    UserEmbeddings(EventProperties properties, UserHistories histories, MeterRegistry meters) {
        this.cache = Caffeine.newBuilder().maximumSize(properties.cacheSize())
                .expireAfterAccess(Duration.ofHours(1)).recordStats().build();
        CaffeineCacheMetrics.monitor(meters, cache, "userEmbeddings");
        histories.addInvalidationListener(this);
    }

    /** The user's embeddings under {@code version} for {@code history}, computed by {@code compute} on a miss. */
    Embedded get(String user, String version, List<String> history, Supplier<Embedded> compute) {
        Entry peek = cache.policy().getIfPresentQuietly(user);
        if (peek != null && matches(peek, version, history)) {
            Entry hit = cache.getIfPresent(user); // records the hit and the access
            if (hit != null && matches(hit, version, history)) {
                return hit.embedded();
            }
        } else if (peek != null) {
            cache.invalidate(user);
        }
        return cache.get(user, u -> new Entry(version, history, compute.get())).embedded();
    }

    private static boolean matches(Entry e, String version, List<String> history) {
        return e.version().equals(version) && (e.history() == history || e.history().equals(history));
    }

    @Override
    public void invalidated(String user) {
        cache.invalidate(user);
    }

    @Override
    public void invalidatedAll() {
        cache.invalidateAll();
    }
}
