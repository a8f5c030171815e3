package org.convncf.store;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Small artifacts and clocks shared by the tests. */
final class Fixtures {

    static final String MODEL = "convncf-svdpp";
    static final Instant START = Instant.parse("2026-11-26T10:37:05.123Z");

    private Fixtures() {}

    /** An artifact with every kind of content: all dtypes, empty and multi-dimensional tensors, extras. */
    static ArtifactBuilder artifact(double hr10) {
        return new ArtifactBuilder("convncf", "svdpp")
                .hyperParameters(Map.of("learningRate", 0.01))
                .hyperParameters(Map.of("epochs", 20))
                .hyperParameters(Map.of("layers", List.of(32, 32, 32)))
                .architecture(Map.of("embeddingSize", 2, "channels", 32))
                .split(Map.of("seed", 42L, "protocol", Map.of("negatives", 99, "holdout", "leave-one-out")))
                .metric("validation", "HR@10", hr10)
                .metric("test", "NDCG@10", 0.37)
                .training(Map.of("seconds", 1.5, "device", "cpu"))
                .engine(Map.of("djl", "0.36.0"))
                .tensor("user_embedding", new long[] {3, 2}, new float[] {0.5f, -1f, 2.25f, 0f, Float.MIN_VALUE, 1e30f})
                .tensor("item_bias", new long[] {2}, new float[] {0.25f, -0.125f})
                .tensor("history_index", new long[] {2, 2}, new int[] {0, 1, Integer.MAX_VALUE, -1})
                .tensor("step", new long[] {}, new long[] {Long.MIN_VALUE})
                .tensor("empty", new long[] {0, 4}, new float[0])
                .users(IdMap.of(List.of("alice", "bob", "zoë")))
                .items(IdMap.of(List.of("i1", "i2")))
                .file("epochs.csv", "epoch,loss\n1,0.5\n".getBytes(StandardCharsets.UTF_8));
    }

    /** A clock that advances one second per reading, so successive versions sort in publish order. */
    static Clock steppingClock() {
        AtomicLong ticks = new AtomicLong();
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return START.plusSeconds(ticks.getAndIncrement());
            }
        };
    }
}
