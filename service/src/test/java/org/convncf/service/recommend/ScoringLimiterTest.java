package org.convncf.service.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.convncf.service.system.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ScoringLimiterTest {

    private static ScoringLimiter limiter(int slots, Duration timeout) {
        return new ScoringLimiter(new RecommendProperties(10, 200, 300, 0.1, 500, slots, timeout));
    }

    @Test
    void runsTheScoringInTheCallersThread() {
        AtomicBoolean ran = new AtomicBoolean();
        limiter(1, Duration.ofMillis(50)).run(() -> ran.set(true));
        assertThat(ran).isTrue();
    }

    @Test
    void answers503WithRetryAfterWhenEverySlotIsTaken() throws Exception {
        ScoringLimiter limiter = limiter(1, Duration.ofMillis(100));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> limiter.run(() -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> limiter.run(() -> {
                throw new AssertionError("must not run");
            }))
                    .isInstanceOf(ApiException.class)
                    .hasMessage("the service is at capacity; retry shortly")
                    .satisfies(e -> {
                        assertThat(((ApiException) e).status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                        assertThat(((ApiException) e).retryAfterSeconds()).isEqualTo(1);
                    });
            // it waited for the queue timeout before giving up
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
        } finally {
            release.countDown();
        }
        holder.get(5, TimeUnit.SECONDS);
        // the slot is free again
        AtomicBoolean ran = new AtomicBoolean();
        limiter.run(() -> ran.set(true));
        assertThat(ran).isTrue();
    }

    @Test
    void aFailingScoringCallReleasesItsSlot() {
        ScoringLimiter limiter = limiter(1, Duration.ZERO);
        assertThatThrownBy(() -> limiter.run(() -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        AtomicBoolean ran = new AtomicBoolean();
        limiter.run(() -> ran.set(true));
        assertThat(ran).isTrue();
    }

    @Test
    void anInterruptedWaitIs503AndKeepsTheInterruptFlag() throws Exception {
        ScoringLimiter limiter = limiter(1, Duration.ofSeconds(30));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> limiter.run(() -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        holder.start();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        try {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> limiter.run(() -> { }))
                    .isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
            assertThat(Thread.interrupted()).isTrue();
        } finally {
            release.countDown();
            holder.join(5000);
        }
    }
}
