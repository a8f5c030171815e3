package org.convncf.trainer.eval;

import java.util.Arrays;

/**
 * A two-stage recommender as the service runs it: {@link CandidateStage} picks C candidates per
 * user, the re-ranker (the CNN) scores only those; every other item scores −∞, so under full
 * ranking the top of the list is the re-ranked candidates. Given pairs (the sampled protocol) go to
 * the re-ranker unchanged.
 */
public final class TwoStageScorer implements Scorer {

    private final CandidateStage stage;
    private final Scorer reranker;
    private final int count;

    public TwoStageScorer(CandidateStage stage, Scorer reranker, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("candidates must be >= 1, got " + count);
        }
        this.stage = stage;
        this.reranker = reranker;
        this.count = count;
    }

    public int count() {
        return count;
    }

    @Override
    public void scorePairs(int[] users, int[] items, int n, float[] out) {
        reranker.scorePairs(users, items, n, out);
    }

    @Override
    public void scoreAllItems(int user, float[] out) {
        scoreAllItems(user, out, null);
    }

    @Override
    public void scoreAllItems(int user, float[] out, boolean[] excluded) {
        int[] candidates = stage.candidates(user, excluded, count, out);
        int n = candidates.length;
        int[] users = new int[n];
        Arrays.fill(users, user);
        float[] scores = new float[n];
        reranker.scorePairs(users, candidates, n, scores);
        Arrays.fill(out, Float.NEGATIVE_INFINITY);
        for (int j = 0; j < n; j++) {
            out[candidates[j]] = scores[j];
        }
    }
}
