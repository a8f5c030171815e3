package org.convncf.trainer.eval;

import java.util.Arrays;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.model.knn.TopK;

/**
 * Stage one of the served pipeline, offline: per user, C candidates from a retrieval model's scores
 * over all items, a share of them filled from the most popular items, never an excluded item. The
 * rule is the service's {@code CandidateGenerator}'s (top C − round(C · share) by retrieval score,
 * ties to the lower item id; then the most popular remaining items, by training count and then id),
 * so that offline two-stage figures are those of the pipeline that serves.
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
        this.popularityOrder = popularityOrder(train.itemCounts());
        this.popularityShare = popularityShare;
    }

    /** Items by descending count, ties by ascending id (the service's order). */
    static int[] popularityOrder(int[] counts) {
        return java.util.stream.IntStream.range(0, counts.length).boxed()
                .sorted((a, b) -> counts[a] != counts[b] ? Integer.compare(counts[b], counts[a]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
    }

    public int numItems() {
        return numItems;
    }

    /**
     * The user's candidates, at most {@code count} (fewer only when fewer items are not excluded), in
     * no particular order.
     *
     * @param excluded items that must not be candidates (null: none)
     * @param scratch  a buffer of at least {@link #numItems()} floats, overwritten
     */
    public int[] candidates(int user, boolean[] excluded, int count, float[] scratch) {
        retrieval.scoreAllItems(user, scratch);
        int fromPopularity = (int) Math.round(count * popularityShare);
        int fromModel = count - fromPopularity;
        int[] out = new int[count];
        int n = 0;
        boolean[] taken = new boolean[numItems];
        if (fromModel > 0) {
            TopK top = new TopK(fromModel);
            for (int i = 0; i < numItems; i++) {
                if (excluded == null || !excluded[i]) {
                    float s = scratch[i];
                    top.offer(i, Float.isNaN(s) ? Float.NEGATIVE_INFINITY : s);
                }
            }
            for (int item : top.ids()) {
                taken[item] = true;
                out[n++] = item;
            }
        }
        for (int i = 0; i < popularityOrder.length && n < count; i++) {
            int item = popularityOrder[i];
            if (!taken[item] && (excluded == null || !excluded[item])) {
                taken[item] = true;
                out[n++] = item;
            }
        }
        return n == count ? out : Arrays.copyOf(out, n);
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
