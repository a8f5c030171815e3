package org.convncf.service.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Event ingestion and user histories.
 *
 * @param maxBatch        events per {@code POST /events} request (more: 413)
 * @param maxIdLength     longest user, item or event id, in characters
 * @param maxFutureSkew   how far in the future a timestamp may be (clock skew) before it is refused (422)
 * @param recentEvents    N: a user's embedding uses their N most recent distinct items
 * @param cacheTtl        how long a cached history is trusted without asking the database (other
 *                        replicas' writes arrive by notification sooner; 0 disables the cache)
 * @param cacheSize       users whose histories are cached
 */
@ConfigurationProperties("convncf.events")
public record EventProperties(
        @DefaultValue("1000") int maxBatch,
        @DefaultValue("256") int maxIdLength,
        @DefaultValue("5m") Duration maxFutureSkew,
        @DefaultValue("200") int recentEvents,
        @DefaultValue("5s") Duration cacheTtl,
        @DefaultValue("100000") long cacheSize) {

    public EventProperties {
        if (maxBatch < 1 || maxBatch > 100_000) {
            throw new IllegalArgumentException("convncf.events.max-batch must be in 1..100000, got " + maxBatch);
        }
        if (maxIdLength < 1 || maxIdLength > 256) {
            throw new IllegalArgumentException("convncf.events.max-id-length must be in 1..256 (the column width), got "
                    + maxIdLength);
        }
        if (recentEvents < 1 || recentEvents > 10_000) {
            throw new IllegalArgumentException("convncf.events.recent-events must be in 1..10000, got " + recentEvents);
        }
        if (cacheTtl.isNegative() || maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (cacheSize < 0) {
            throw new IllegalArgumentException("convncf.events.cache-size must be >= 0");
        }
    }
}
