package org.convncf.nn;

/**
 * Scores one user against many items with a trained ConvNCF network: the serving-time hot path
 * ("re-rank the candidates of one request"). Implementations are thread-safe and hold no per-call
 * state between calls.
 */
public interface ConvNcfScorer extends AutoCloseable {

    /**
     * Writes ŷ(user, item_k) to {@code out[k]} for {@code k < n}.
     *
     * @param user  f(u), K floats
     * @param items the item vectors q_i, n × K floats, row-major
     */
    void score(float[] user, float[] items, int n, float[] out);

    /** A short name for logs and metrics: {@code djl} or {@code vector}. */
    String name();

    @Override
    default void close() {
    }
}
