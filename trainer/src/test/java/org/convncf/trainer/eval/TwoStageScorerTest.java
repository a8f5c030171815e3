package org.convncf.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.convncf.trainer.eval.EvalFixtures.interactions;
import static org.convncf.trainer.eval.EvalFixtures.targets;

import java.util.Arrays;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.eval.EvalFixtures.RecordingScorer;
import org.junit.jupiter.api.Test;

class TwoStageScorerTest {

    // 8 items; popularity by training count: item 7 (3 users) > item 6 (2) > item 0 (1, lower id) > ...
    private final Interactions train = interactions(8,
            new int[] {0, 1},
            new int[] {7, 6},
            new int[] {7, 6, 5},
            new int[] {7, 4});

    /** Retrieval prefers low item ids. */
    private final RecordingScorer retrieval = new RecordingScorer((u, i) -> -(float) i);

    @Test
    void candidatesFollowTheServiceRuleRetrievalTopThenPopularFillNeverExcluded() {
        CandidateStage stage = new CandidateStage(retrieval, train, 0.25);
        boolean[] excluded = new boolean[8];
        excluded[0] = true;
        excluded[1] = true;
        int[] c = stage.candidates(0, excluded, 4, new float[8]);
        // round(4 · 0.25) = 1 from popularity: 3 by retrieval (2, 3, 4), then the most popular remaining (7).
        assertThat(c).containsExactlyInAnyOrder(2, 3, 4, 7);

        int[] popularFirst = stage.candidates(0, excluded, 8, new float[8]);
        assertThat(popularFirst).doesNotContain(0, 1).hasSize(6); // only six items are not excluded

        CandidateStage noPopularity = new CandidateStage(retrieval, train, 0);
        assertThat(noPopularity.candidates(0, null, 3, new float[8])).containsExactlyInAnyOrder(0, 1, 2);
        CandidateStage onlyPopularity = new CandidateStage(retrieval, train, 1);
        assertThat(onlyPopularity.candidates(0, null, 3, new float[8])).containsExactlyInAnyOrder(7, 6, 0);
    }

    @Test
    void onlyCandidatesAreRerankedAndEveryOtherItemRanksLast() {
        CandidateStage stage = new CandidateStage(retrieval, train, 0);
        RecordingScorer cnn = new RecordingScorer((u, i) -> (float) i); // the re-ranker prefers high ids
        // User 0 saw items 0 and 1; its test item is 5. Retrieval ranks 2, 3, 4 first, then 5.
        RankingTargets test = targets(new int[] {0}, new int[][] {{5}});

        EvalResult three = Evaluator.fullRanking(test, train, new TwoStageScorer(stage, cnn, 3), new int[] {1, 3});
        assertThat(three.get("Recall@3")).isZero(); // 5 is not a candidate: no re-ranker can recover it
        assertThat(cnn.calls).hasSize(1);
        assertThat(cnn.calls.get(0)[1]).containsExactlyInAnyOrder(2, 3, 4); // never an excluded item

        EvalResult four = Evaluator.fullRanking(test, train, new TwoStageScorer(stage, cnn, 4), new int[] {1, 3});
        assertThat(four.get("Recall@1")).isEqualTo(1.0, within(1e-12)); // re-ranked to the top

        assertThat(Evaluator.fullRanking(test, train, stage.membership(3), new int[] {3}).get("Recall@3")).isZero();
        assertThat(Evaluator.fullRanking(test, train, stage.membership(4), new int[] {4}).get("Recall@4")).isEqualTo(1.0);
    }

    @Test
    void scoresOfNonCandidatesAreMinusInfinity() {
        CandidateStage stage = new CandidateStage(retrieval, train, 0);
        float[] out = new float[8];
        new TwoStageScorer(stage, new RecordingScorer((u, i) -> 10f + i), 2).scoreAllItems(3, out, null);
        float[] expected = new float[8];
        Arrays.fill(expected, Float.NEGATIVE_INFINITY);
        expected[0] = 10f;
        expected[1] = 11f;
        assertThat(out).containsExactly(expected);
    }

    @Test
    void memoizedScorerScoresNestedCandidateSetsOnce() {
        RecordingScorer cnn = new RecordingScorer((u, i) -> u * 100f + i);
        MemoizedScorer memo = new MemoizedScorer(cnn);
        float[] out = new float[3];
        memo.scorePairs(new int[] {2, 2, 2}, new int[] {7, 3, 5}, 3, out);
        assertThat(out).containsExactly(207f, 203f, 205f);
        memo.scorePairs(new int[] {2, 2}, new int[] {5, 7}, 2, out);
        assertThat(out[0]).isEqualTo(205f);
        assertThat(out[1]).isEqualTo(207f);
        assertThat(cnn.calls).hasSize(1); // remembered
        memo.scorePairs(new int[] {2, 2}, new int[] {5, 4}, 2, out); // item 4 is new: scored again
        assertThat(out[1]).isEqualTo(204f);
        memo.scorePairs(new int[] {1, 2}, new int[] {5, 4}, 2, out); // several users: passed through
        assertThat(out[0]).isEqualTo(105f);
        assertThat(cnn.calls).hasSize(3);
    }
}
