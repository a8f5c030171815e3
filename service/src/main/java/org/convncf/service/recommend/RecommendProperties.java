package org.convncf.service.recommend;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Recommendation settings.
 *
 * @param defaultK           items returned when {@code k} is not given
 * @param maxK               the largest {@code k} accepted
 * @param candidates         C: candidates generated per request and re-ranked by the CNN
 * @param popularityShare    fraction of the C candidates taken from the most popular items (the rest
 *                           from the retrieval model's dot product)
 * @param maxExclude         most item ids a request may exclude
 * @param maxConcurrentScoring re-ranking calls allowed to run at once; further requests wait
 * @param queueTimeout       how long a request waits for a scoring slot before a 503 with Retry-After
 */
@ConfigurationProperties("convncf.recommend")
public record RecommendProperties(
        @DefaultValue("10") int defaultK,
        @DefaultValue("200") int maxK,
        @DefaultValue("300") int candidates,
        @DefaultValue("0.1") double popularityShare,
        @DefaultValue("500") int maxExclude,
        @DefaultValue("4") int maxConcurrentScoring,
        @DefaultValue("250ms") Duration queueTimeout) {

    public RecommendProperties {
        if (maxK < 1 || maxK > 10_000) {
            throw new IllegalArgumentException("convncf.recommend.max-k must be in 1..10000, got " + maxK);
        }
        if (defaultK < 1 || defaultK > maxK) {
            throw new IllegalArgumentException("convncf.recommend.default-k must be in 1..max-k, got " + defaultK);
        }
        if (candidates < maxK) {
            throw new IllegalArgumentException("convncf.recommend.candidates (" + candidates + ") must be >= max-k ("
                    + maxK + ")");
        }
        if (!(popularityShare >= 0 && popularityShare <= 1)) {
            throw new IllegalArgumentException("convncf.recommend.popularity-share must be in [0, 1], got " + popularityShare);
        }
        if (maxExclude < 0 || maxConcurrentScoring < 1 || queueTimeout.isNegative()) {
            throw new IllegalArgumentException("max-exclude >= 0, max-concurrent-scoring >= 1 and queue-timeout >= 0 required");
        }
    }
}
