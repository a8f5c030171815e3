package org.convncf.trainer.model.bpr;

/** Scores one user vector against many item vectors with a model's interaction function. */
interface ItemsScorer extends AutoCloseable {

    /** {@code out[outOffset + k]} = ŷ(user, items row k) for {@code k < n}. */
    void score(float[] user, float[] items, int n, float[] out, int outOffset);

    @Override
    default void close() {
    }
}
