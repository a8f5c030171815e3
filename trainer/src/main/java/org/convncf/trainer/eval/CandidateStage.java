package org.convncf.trainer.eval;

import java.util.Arrays;
import org.convncf.rank.Candidates;
import org.convncf.trainer.data.Interactions;

/**
 * Stage one of the served pipeline, offline: per user, C candidates from a retrieval model's scores
 * over all items by the service's own rule ({@link Candidates}), so that offline two-stage figures are
 * those of the pipeline that serves.
 */
public final class CandidateStage {

    private final Scorer retrieval;
    private final int numItems;
    private final int[] popularityOrder;
    private final double popularityShare;

    /**
     * @param retrieval       the stage-one model (the service uses the ConvNCF model's shallow
     *                        pre-training model)
     * @param train           the training view: its item counts define popularity
     * @param popularityShare fraction of the candidates taken from the most popular items
     */
    public CandidateStage(Scorer retrieval, Interactions train, double popularityShare) {
        if (!(popularityShare >= 0 && popularityShare <= 1)) {
            throw new IllegalArgumentException("popularity share must be in [0, 1], got " + popularityShare);
        }
        this.retrieval = retrieval;
        this.numItems = train.numItems();
        this.popularityOrder = Candidates.popularityOrder(train.itemCounts());
        this.popularityShare = popularityShare;
    }

    public int numItems() {
        return numItems;
    }

    /**
     * The user's candidates, at most {@code count} (fewer only when fewer items are not excluded), in
     * no particular order.
     *
     * @param excluded items that must not be candidates (null: none)
     * @param scratch  a buffer of {@link #numItems()} floats, overwritten
     */
    public int[] candidates(int user, boolean[] excluded, int count, float[] scratch) {
        if (scratch.length != numItems) {
            throw new IllegalArgumentException("scratch holds " + scratch.length + " scores for " + numItems + " items");
        }
        retrieval.scoreAllItems(user, scratch);
        return Candidates.select(scratch, excluded, count, popularityShare, popularityOrder);
    }

    /**
     * A scorer that gives the user's {@code count} candidates 1 and every other item 0: its
     * Recall@count under full ranking is the candidate recall, the ceiling of any re-ranker on them.
     */
    public Scorer membership(int count) {
        return new Scorer() {
            @Override
            public void scorePairs(int[] users, int[] items, int n, float[] out) {
                throw new UnsupportedOperationException("candidate membership is defined for full ranking only");
            }

            @Override
            public void scoreAllItems(int user, float[] out) {
                scoreAllItems(user, out, null);
            }

            @Override
            public void scoreAllItems(int user, float[] out, boolean[] excluded) {
                int[] candidates = candidates(user, excluded, count, out);
                Arrays.fill(out, 0f);
                for (int item : candidates) {
                    out[item] = 1f;
                }
            }
        };
    }
}
