package org.convncf.trainer.eval;

/**
 * The ranking metrics of the protocol, as pure functions with ties counted against the positive.
 *
 * <p>Sampled protocol (one held-out positive among N negatives): {@code rank} = number of negatives
 * whose score is ≥ the positive's (a NaN on either side counts against the positive); HR@k = [rank
 * &lt; k]; NDCG@k = 1/log2(rank + 2) if rank &lt; k, else 0.
 *
 * <p>Full ranking (several held-out positives, all unseen items as candidates), as LightGCN defines
 * them: Recall@k = hits in the top k / number of positives; NDCG@k = DCG@k / IDCG@k with IDCG over
 * min(k, positives) hits. Among equal scores, negatives are ranked first.
 */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    /** Number of negatives ranked at or above the positive: ties and NaNs count against it. */
    public static int rank(float positive, float[] negatives, int from, int to) {
        int rank = 0;
        for (int k = from; k < to; k++) {
            if (!(negatives[k] < positive)) {
                rank++;
            }
        }
        return rank;
    }

    public static double hitRate(int rank, int k) {
        return rank < k ? 1.0 : 0.0;
    }

    public static double ndcg(int rank, int k) {
        return rank < k ? 1.0 / log2(rank + 2) : 0.0;
    }

    /**
     * Full-ranking metrics for one user from the positions of its positives in its ranked list.
     *
     * @param hitPositions 0-based positions (in the ranked top-k list) holding a positive, ascending
     * @param hits         how many entries of {@code hitPositions} are valid
     * @param positives    the user's number of held-out positives (≥ 1)
     * @return {recall, ndcg}
     */
    public static double[] fullRanking(int[] hitPositions, int hits, int positives, int k) {
        double dcg = 0;
        for (int h = 0; h < hits; h++) {
            dcg += 1.0 / log2(hitPositions[h] + 2);
        }
        double idcg = 0;
        for (int r = 0; r < Math.min(k, positives); r++) {
            idcg += 1.0 / log2(r + 2);
        }
        return new double[] {(double) hits / positives, dcg / idcg};
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
