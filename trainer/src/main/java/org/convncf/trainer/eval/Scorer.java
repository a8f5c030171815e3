package org.convncf.trainer.eval;

/**
 * What the evaluation protocol needs from a model: scores for (user, item) pairs, higher is better.
 * Users and items are internal ids of the training view.
 *
 * <p>The evaluator hands over many users' candidates in one call so that batched models (the CNN)
 * can fill a device with work; implementations must not keep the pairs they are given.
 */
public interface Scorer {

    /** Writes the score of pair {@code (users[k], items[k])} to {@code out[k]} for {@code k < n}. */
    void scorePairs(int[] users, int[] items, int n, float[] out);

    /** Writes the score of {@code (user, i)} to {@code out[i]} for every item {@code i}. */
    default void scoreAllItems(int user, float[] out) {
        int n = out.length;
        int[] users = new int[n];
        int[] items = new int[n];
        for (int i = 0; i < n; i++) {
            users[i] = user;
            items[i] = i;
        }
        scorePairs(users, items, n, out);
    }

    /**
     * Like {@link #scoreAllItems(int, float[])}, told which items the protocol will not rank (the
     * user's seen items): a scorer that selects candidates, as a two-stage recommender does, must
     * not spend them on excluded items. Scores of excluded items are ignored.
     */
    default void scoreAllItems(int user, float[] out, boolean[] excluded) {
        scoreAllItems(user, out);
    }
}
