package org.convncf.service.recommend;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.convncf.service.system.ApiException;
import org.springframework.stereotype.Component;

/**
 * Back-pressure for the CNN: at most {@code maxConcurrentScoring} re-ranking calls run at once; a
 * request that cannot get a slot within {@code queueTimeout} gets a 503 with Retry-After instead of
 * an unbounded wait.
 */
@Component
class ScoringLimiter {

    private final Semaphore slots;
    private final long timeoutNanos;

    ScoringLimiter(RecommendProperties properties) {
        this.slots = new Semaphore(properties.maxConcurrentScoring(), true);
        this.timeoutNanos = properties.queueTimeout().toNanos();
    }

    void run(Runnable scoring) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while waiting to score", 1);
        }
        if (!acquired) {
            throw ApiException.unavailable("the service is at capacity; retry shortly", 1);
        }
        try {
            scoring.run();
        } finally {
            slots.release();
        }
    }
}
