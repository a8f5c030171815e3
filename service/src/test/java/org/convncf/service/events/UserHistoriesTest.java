package org.convncf.service.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** The history cache: TTL, invalidation, and the degraded answer when the event store is down. */
class UserHistoriesTest {

    private final EventRepository repository = mock(EventRepository.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private UserHistories histories(Duration ttl) {
        return new UserHistories(repository, new EventProperties(1000, 256, Duration.ofMinutes(5), 50, ttl, 1000), meters);
    }

    @Test
    void readsTheRecentItemsWithTheConfiguredLimit() {
        when(repository.recentItems("alice", 50)).thenReturn(List.of("i3", "i2", "i1"));
        UserHistories.History h = histories(Duration.ofSeconds(5)).recent("alice");
        assertThat(h.items()).containsExactly("i3", "i2", "i1");
        assertThat(h.degraded()).isFalse();
    }

    @Test
    void servesFromTheCacheWithinTheTtlAndRereadsAfterIt() throws InterruptedException {
        when(repository.recentItems(eq("alice"), anyInt())).thenReturn(List.of("i1"), List.of("i2", "i1"));
        UserHistories histories = histories(Duration.ofSeconds(1));
        assertThat(histories.recent("alice").items()).containsExactly("i1");
        assertThat(histories.recent("alice").items()).containsExactly("i1");
        verify(repository, times(1)).recentItems(eq("alice"), anyInt());
        Thread.sleep(1100);
        assertThat(histories.recent("alice").items()).containsExactly("i2", "i1");
        verify(repository, times(2)).recentItems(eq("alice"), anyInt());
    }

    @Test
    void invalidationForcesARead() {
        when(repository.recentItems(eq("alice"), anyInt())).thenReturn(List.of("i1"), List.of("i2", "i1"));
        when(repository.recentItems(eq("bob"), anyInt())).thenReturn(List.of("i9"));
        UserHistories histories = histories(Duration.ofMinutes(10));
        histories.recent("alice");
        histories.recent("bob");
        histories.invalidate("alice");
        assertThat(histories.recent("alice").items()).containsExactly("i2", "i1");
        assertThat(histories.recent("bob").items()).containsExactly("i9");
        verify(repository, times(2)).recentItems(eq("alice"), anyInt());
        verify(repository, times(1)).recentItems(eq("bob"), anyInt());
        histories.invalidateAll();
        histories.recent("bob");
        verify(repository, times(2)).recentItems(eq("bob"), anyInt());
    }

    @Test
    void aTtlOfZeroDisablesTheCache() {
        when(repository.recentItems(eq("alice"), anyInt())).thenReturn(List.of("i1"));
        UserHistories histories = histories(Duration.ZERO);
        histories.recent("alice");
        histories.recent("alice");
        verify(repository, times(2)).recentItems(eq("alice"), anyInt());
    }

    @Test
    void theCachedListCannotBeModifiedByTheCaller() {
        when(repository.recentItems(eq("alice"), anyInt())).thenReturn(new java.util.ArrayList<>(List.of("i1")));
        UserHistories histories = histories(Duration.ofMinutes(10));
        List<String> items = histories.recent("alice").items();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> items.add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void degradedWithNoHistoryWhenTheStoreIsDownAndNothingIsCached() {
        when(repository.recentItems(eq("alice"), anyInt())).thenThrow(new DataAccessResourceFailureException("down"));
        UserHistories.History h = histories(Duration.ofSeconds(5)).recent("alice");
        assertThat(h.items()).isEmpty();
        assertThat(h.degraded()).isTrue();
    }

    @Test
    void degradedWithTheLastKnownHistoryWhenTheStoreIsDownAfterTheTtl() throws InterruptedException {
        when(repository.recentItems(eq("alice"), anyInt())).thenReturn(List.of("i2", "i1"))
                .thenThrow(new DataAccessResourceFailureException("connection refused"))
                .thenReturn(List.of("i3", "i2", "i1"));
        UserHistories histories = histories(Duration.ofMillis(100));
        assertThat(histories.recent("alice").degraded()).isFalse();
        Thread.sleep(150);
        UserHistories.History stale = histories.recent("alice");
        assertThat(stale.items()).containsExactly("i2", "i1");
        assertThat(stale.degraded()).isTrue();
        // for two seconds the store is left alone: degraded at once, no request waits for its timeout
        assertThat(histories.recent("alice").degraded()).isTrue();
        org.mockito.Mockito.verify(repository, org.mockito.Mockito.times(2)).recentItems(eq("alice"), anyInt());
        // then it recovers as soon as the store answers again
        Thread.sleep(2100);
        UserHistories.History fresh = histories.recent("alice");
        assertThat(fresh.items()).containsExactly("i3", "i2", "i1");
        assertThat(fresh.degraded()).isFalse();
    }

    @Test
    void aSuccessfulWriteEndsTheBackoffAtOnce() {
        when(repository.recentItems(eq("alice"), anyInt())).thenThrow(new DataAccessResourceFailureException("down"))
                .thenReturn(List.of("i1"));
        UserHistories histories = histories(Duration.ofSeconds(5));
        assertThat(histories.recent("alice").degraded()).isTrue();
        assertThat(histories.recent("alice").degraded()).as("within the backoff").isTrue();
        histories.databaseReachable();
        UserHistories.History h = histories.recent("alice");
        assertThat(h.degraded()).isFalse();
        assertThat(h.items()).containsExactly("i1");
    }

    @Test
    void otherExceptionsAreNotSwallowed() {
        when(repository.recentItems(eq("alice"), anyInt())).thenThrow(new IllegalStateException("bug"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> histories(Duration.ofSeconds(5)).recent("alice"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void registersCacheMetrics() {
        when(repository.recentItems(eq("alice"), anyInt())).thenReturn(List.of("i1"));
        UserHistories histories = histories(Duration.ofMinutes(1));
        histories.recent("alice");
        histories.recent("alice");
        assertThat(meters.find("cache.gets").tag("cache", "userHistories").tag("result", "hit").functionCounter())
                .isNotNull()
                .satisfies(c -> assertThat(c.count()).isEqualTo(1.0));
        assertThat(meters.find("cache.size").tag("cache", "userHistories").gauge()).isNotNull();
    }
}
