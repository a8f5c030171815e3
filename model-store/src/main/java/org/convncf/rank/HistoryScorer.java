package org.convncf.rank;

/**
 * A model that scores every item straight from the items a user has, with no user parameters to
 * train: item-item ({@link ItemItemWeights}: ItemKNN, RP3β, EASE^R) or user-user
 * ({@link UserNeighbours}: UserKNN). A user's new events enter their items and change the next
 * scores with no retraining. Implementations are immutable and thread-safe.
 */
public interface HistoryScorer {

    int numItems();

    /**
     * Scores every item for a user who has {@code items[0..n)} (distinct ids, any order).
     *
     * @param user the user's training index, or −1 for a user the model was not trained on
     * @param out  receives the score of every item; items the user's items do not reach score 0 (see
     *             {@link #reached})
     */
    void score(int user, int[] items, int n, float[] out);

    /**
     * Marks the items {@link #score} reaches from {@code items[0..n)}, whatever their score: a score of
     * 0 means "not reached" only when this says so (EASE^R's sums can cancel, or be negative).
     *
     * @param out set to {@code true} for every reached item; other entries are left as they are
     */
    void reached(int user, int[] items, int n, boolean[] out);
}
