package org.convncf.service.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.convncf.service.events.EventProperties;
import org.convncf.service.events.UserHistories;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class UserEmbeddingsTest {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final UserHistories histories = mock(UserHistories.class);
    final UserEmbeddings embeddings = new UserEmbeddings(
            new EventProperties(1000, 256, Duration.ofMinutes(5), 200, Duration.ofSeconds(5), 1000), histories, meters);
    final AtomicInteger computed = new AtomicInteger();

    private Supplier<UserEmbeddings.Embedded> compute(float value) {
        return () -> {
            computed.incrementAndGet();
            return new UserEmbeddings.Embedded(new float[] {value}, new float[] {-value});
        };
    }

    private UserHistories.InvalidationListener listener() {
        ArgumentCaptor<UserHistories.InvalidationListener> captor = ArgumentCaptor.forClass(UserHistories.InvalidationListener.class);
        verify(histories).addInvalidationListener(captor.capture());
        return captor.getValue();
    }

    @Test
    void computesOncePerVersionAndHistory() {
        List<String> history = List.of("i2", "i1");
        assertThat(embeddings.get("alice", "v1", history, compute(1)).scoring()).containsExactly(1f);
        assertThat(embeddings.get("alice", "v1", new ArrayList<>(history), compute(2)).scoring()).containsExactly(1f);
        assertThat(computed).hasValue(1);
        assertThat(meters.get("cache.gets").tag("cache", "userEmbeddings").tag("result", "hit").functionCounter().count())
                .isEqualTo(1.0);
        assertThat(meters.get("cache.gets").tag("cache", "userEmbeddings").tag("result", "miss").functionCounter().count())
                .isEqualTo(1.0);
    }

    @Test
    void anotherHistoryOrModelVersionIsRecomputed() {
        embeddings.get("alice", "v1", List.of("i1"), compute(1));
        assertThat(embeddings.get("alice", "v1", List.of("i3", "i1"), compute(2)).scoring()).containsExactly(2f);
        assertThat(embeddings.get("alice", "v2", List.of("i3", "i1"), compute(3)).retrieval()).containsExactly(-3f);
        assertThat(embeddings.get("alice", "v2", List.of("i3", "i1"), compute(4)).scoring()).containsExactly(3f);
        assertThat(computed).hasValue(3);
    }

    @Test
    void dropsAUsersEntryWhenTheirHistoryIsInvalidated() {
        List<String> history = List.of("i1");
        embeddings.get("alice", "v1", history, compute(1));
        embeddings.get("bob", "v1", history, compute(1));
        listener().invalidated("alice");
        embeddings.get("alice", "v1", history, compute(2));
        embeddings.get("bob", "v1", history, compute(2));
        assertThat(computed).hasValue(3);
        listener().invalidatedAll();
        embeddings.get("bob", "v1", history, compute(2));
        assertThat(computed).hasValue(4);
    }
}
