package org.convncf.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.convncf.trainer.eval.EvalFixtures.candidates;
import static org.convncf.trainer.eval.EvalFixtures.interactions;
import static org.convncf.trainer.eval.EvalFixtures.log2;
import static org.convncf.trainer.eval.EvalFixtures.targets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.eval.EvalFixtures.RecordingScorer;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static final Offset<Double> EXACT = within(1e-12);
    private static final double INV_LOG2_3 = 0.6309297535714575;

    // ------------------------------------------------------------------------------- sampled

    /** Scores from a per-(user, item) table; items without an entry score 0. */
    private static RecordingScorer table(float[][] scores) {
        return new RecordingScorer((u, i) -> i < scores[u].length ? scores[u][i] : 0f);
    }

    @Test
    void sampledMeansAndPerUserValuesOnAHandBuiltSet() {
        float[][] s = new float[5][30];
        // user 0: positive 10 (5.0), negatives 1, 2, 3 score 1, 2, 9 -> rank 1.
        s[0][10] = 5;
        s[0][1] = 1;
        s[0][2] = 2;
        s[0][3] = 9;
        // user 1: positive 11 (4.0), 7 negatives: 5 above, 1 tie, 1 below -> rank 6.
        s[1][11] = 4;
        float[] u1 = {9, 8, 7, 6, 5, 4, 1};
        for (int j = 0; j < 7; j++) {
            s[1][20 + j] = u1[j];
        }
        // user 2: positive 12 and no negatives -> rank 0.
        s[2][12] = 1;
        // user 4: positive 3 (0.0), 25 negatives all tied with it -> rank 25.
        SampledCandidates set = candidates(
                new int[] {0, 1, 2, 4},
                new int[] {10, 11, 12, 3},
                new int[][] {{1, 2, 3}, {20, 21, 22, 23, 24, 25, 26}, {}, range(100, 125)});
        float[][] scores = new float[5][];
        for (int u = 0; u < 5; u++) {
            scores[u] = Arrays.copyOf(s[u], 200);
        }
        RecordingScorer scorer = table(scores);

        EvalResult r = sampled(set, scorer, Split.CUTOFFS);

        assertThat(r.users()).isEqualTo(4);
        assertThat(r.pairs()).isEqualTo(4 + 8 + 1 + 26);
        assertThat(r.metrics().keySet()).containsExactly("HR@5", "HR@10", "HR@20", "NDCG@5", "NDCG@10", "NDCG@20");
        assertThat(r.perUser().get("HR@5")).containsExactly(1, 0, 1, 0);
        assertThat(r.perUser().get("HR@10")).containsExactly(1, 1, 1, 0);
        assertThat(r.perUser().get("HR@20")).containsExactly(1, 1, 1, 0);
        assertThat(r.perUser().get("NDCG@5")).containsExactly(new double[] {INV_LOG2_3, 0, 1, 0}, EXACT);
        assertThat(r.perUser().get("NDCG@10")).containsExactly(new double[] {INV_LOG2_3, 1.0 / 3, 1, 0}, EXACT);
        assertThat(r.get("HR@5")).isCloseTo(0.5, EXACT);
        assertThat(r.get("HR@10")).isCloseTo(0.75, EXACT);
        assertThat(r.get("HR@20")).isCloseTo(0.75, EXACT);
        assertThat(r.get("NDCG@5")).isCloseTo((INV_LOG2_3 + 1) / 4, EXACT);
        assertThat(r.get("NDCG@10")).isCloseTo((INV_LOG2_3 + 1.0 / 3 + 1) / 4, EXACT);
        assertThat(r.get("NDCG@20")).isCloseTo((INV_LOG2_3 + 1.0 / 3 + 1) / 4, EXACT);
        assertThat(r.summary()).startsWith("HR@5=0.5000 HR@10=0.7500");
        // The training count of each user's positive (10, 11, 12, 3), in the same user order.
        assertThat(r.heldOutCounts()).containsExactly(ITEM_COUNTS[10], ITEM_COUNTS[11], ITEM_COUNTS[12], ITEM_COUNTS[3]);
        assertThat(ITEM_COUNTS[10]).isNotEqualTo(ITEM_COUNTS[3]);

        // One call; per user the positive first, then its negatives, all with that user's id.
        assertThat(scorer.calls).hasSize(1);
        assertThat(scorer.calls.get(0)[0]).containsExactly(concat(repeat(0, 4), repeat(1, 8), repeat(2, 1), repeat(4, 26)));
        assertThat(scorer.calls.get(0)[1]).containsExactly(concat(new int[] {10, 1, 2, 3},
                new int[] {11, 20, 21, 22, 23, 24, 25, 26}, new int[] {12}, concat(new int[] {3}, range(100, 125))));
    }

    @Test
    void sampledNanScoresCountAgainstThePositive() {
        SampledCandidates set = candidates(new int[] {0, 1}, new int[] {0, 0}, new int[][] {{1, 2, 3}, {1, 2, 3}});
        // user 0: NaN positive -> rank 3. user 1: positive 1.0, negatives NaN, 0, 0 -> rank 1.
        RecordingScorer scorer = new RecordingScorer((u, i) -> u == 0 ? (i == 0 ? Float.NaN : 0f)
                : (i == 0 ? 1f : i == 1 ? Float.NaN : 0f));
        EvalResult r = sampled(set, scorer, new int[] {1, 3, 4});
        assertThat(r.perUser().get("HR@1")).containsExactly(0, 0);
        assertThat(r.perUser().get("HR@3")).containsExactly(0, 1);
        assertThat(r.perUser().get("HR@4")).containsExactly(1, 1);
        assertThat(r.perUser().get("NDCG@4")).containsExactly(new double[] {1 / log2(5), INV_LOG2_3}, EXACT);
    }

    @Test
    void sampledOnAnEmptySetGivesNaNMeansAndNoCalls() {
        RecordingScorer scorer = new RecordingScorer((u, i) -> 0f);
        EvalResult r = sampled(candidates(new int[0], new int[0], new int[0][]), scorer, Split.CUTOFFS);
        assertThat(r.users()).isZero();
        assertThat(r.get("HR@10")).isNaN();
        assertThat(scorer.calls).isEmpty();
    }

    /** Training interactions per item for the sampled protocol's held-out counts: item i has 7i mod 97. */
    private static final int[] ITEM_COUNTS = IntStream.range(0, 60_000).map(i -> 7 * i % 97).toArray();

    private static EvalResult sampled(SampledCandidates set, Scorer scorer, int[] cutoffs) {
        return Evaluator.sampled(set, scorer, cutoffs, ITEM_COUNTS);
    }

    /** A deterministic score with many ties, so that ranks depend on the exact pairs handed over. */
    private static float hashScore(int user, int item) {
        long z = (user * 0x9E3779B97F4A7C15L) ^ (item * 0xC2B2AE3D27D4EB4FL);
        z ^= z >>> 29;
        z *= 0xBF58476D1CE4E5B9L;
        return (float) ((z >>> 40) % 50);
    }

    /** Expected per-user HR/NDCG by brute force from the scoring function. */
    private static void assertMatchesBruteForce(SampledCandidates set, EvalResult r, int[] cutoffs) {
        for (int u = 0; u < set.size(); u++) {
            float pos = hashScore(set.users[u], set.positives[u]);
            int rank = 0;
            for (int j = set.negOffsets[u]; j < set.negOffsets[u + 1]; j++) {
                if (hashScore(set.users[u], set.negatives[j]) >= pos) {
                    rank++;
                }
            }
            for (int k : cutoffs) {
                assertThat(r.perUser().get("HR@" + k)[u]).as("user %d HR@%d", u, k).isEqualTo(rank < k ? 1.0 : 0.0);
                assertThat(r.perUser().get("NDCG@" + k)[u]).as("user %d NDCG@%d", u, k)
                        .isCloseTo(rank < k ? 1 / log2(rank + 2) : 0.0, EXACT);
            }
        }
    }

    /** Every call holds whole users, in order, each as [positive, negatives...]. */
    private static void assertCallsHoldWholeUsersInOrder(SampledCandidates set, RecordingScorer scorer) {
        List<Integer> users = new ArrayList<>();
        List<Integer> items = new ArrayList<>();
        for (int u = 0; u < set.size(); u++) {
            users.add(set.users[u]);
            items.add(set.positives[u]);
            for (int j = set.negOffsets[u]; j < set.negOffsets[u + 1]; j++) {
                users.add(set.users[u]);
                items.add(set.negatives[j]);
            }
        }
        List<Integer> seenUsers = new ArrayList<>();
        List<Integer> seenItems = new ArrayList<>();
        int user = 0;
        for (int[][] call : scorer.calls) {
            // A call starts at a user's positive.
            assertThat(call[1][0]).isEqualTo(set.positives[user]);
            assertThat(call[0][0]).isEqualTo(set.users[user]);
            for (int k = 0; k < call[0].length; k++) {
                seenUsers.add(call[0][k]);
                seenItems.add(call[1][k]);
            }
            // ... and ends at the end of a user.
            int covered = seenUsers.size();
            int end = 0;
            for (user = 0; user < set.size() && end < covered; user++) {
                end += 1 + set.negOffsets[user + 1] - set.negOffsets[user];
            }
            assertThat(end).as("a call must end at a user boundary").isEqualTo(covered);
        }
        assertThat(seenUsers).isEqualTo(users);
        assertThat(seenItems).isEqualTo(items);
    }

    private static SampledCandidates withSizes(int... negativesPerUser) {
        int n = negativesPerUser.length;
        int[] users = new int[n];
        int[] positives = new int[n];
        int[][] negatives = new int[n][];
        for (int u = 0; u < n; u++) {
            users[u] = 3 * u + 1; // not 0..n-1, to catch index/id mix-ups
            positives[u] = 7 * u;
            negatives[u] = new int[negativesPerUser[u]];
            for (int j = 0; j < negativesPerUser[u]; j++) {
                negatives[u][j] = 100 + (j * 31 + u) % 50_000;
            }
        }
        return candidates(users, positives, negatives);
    }

    @Test
    void packsWholeUsersUpToPairsPerCall() {
        int cap = Evaluator.PAIRS_PER_CALL;
        // Sizes (1 + negatives): 8192 + 8192 fill one call exactly; then 9000 alone (9000 + 9000 > cap);
        // then 9000 + 1000 + 1 + 1.
        SampledCandidates set = withSizes(cap / 2 - 1, cap / 2 - 1, 8999, 8999, 999, 0, 0);
        RecordingScorer scorer = new RecordingScorer(EvaluatorTest::hashScore);
        EvalResult r = sampled(set, scorer, Split.CUTOFFS);
        assertThat(scorer.callSizes()).containsExactly(cap, 9000, 9000 + 1000 + 1 + 1);
        assertCallsHoldWholeUsersInOrder(set, scorer);
        assertMatchesBruteForce(set, r, Split.CUTOFFS);
        assertThat(r.pairs()).isEqualTo(cap + 9000 + 10_002);
    }

    @Test
    void aUserLargerThanPairsPerCallIsScoredInOneCall() {
        int cap = Evaluator.PAIRS_PER_CALL;
        // The largest user (20000 pairs) raises the call capacity to 20000: 9000 + 9000 then fit together.
        SampledCandidates set = withSizes(8999, 8999, 19_999, 4999, 0);
        RecordingScorer scorer = new RecordingScorer(EvaluatorTest::hashScore);
        EvalResult r = sampled(set, scorer, Split.CUTOFFS);
        assertThat(scorer.callSizes()).containsExactly(18_000, 20_000, 5001);
        assertThat(20_000).isGreaterThan(cap);
        assertCallsHoldWholeUsersInOrder(set, scorer);
        assertMatchesBruteForce(set, r, Split.CUTOFFS);
    }

    @Test
    void varyingNegativeCountsAcrossManyCalls() {
        SplittableRandom rnd = new SplittableRandom(3);
        int[] sizes = new int[400];
        for (int u = 0; u < sizes.length; u++) {
            sizes[u] = rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(1, 300);
        }
        SampledCandidates set = withSizes(sizes);
        RecordingScorer scorer = new RecordingScorer(EvaluatorTest::hashScore);
        EvalResult r = sampled(set, scorer, new int[] {1, 5, 10, 20, 100});
        assertThat(scorer.calls.size()).isGreaterThan(1);
        assertThat(Arrays.stream(scorer.callSizes()).max().orElseThrow()).isLessThanOrEqualTo(Evaluator.PAIRS_PER_CALL);
        assertCallsHoldWholeUsersInOrder(set, scorer);
        assertMatchesBruteForce(set, r, new int[] {1, 5, 10, 20, 100});
        double sum = Arrays.stream(r.perUser().get("HR@10")).sum();
        assertThat(r.get("HR@10")).isCloseTo(sum / sizes.length, EXACT);
    }

    // --------------------------------------------------------------------------- full ranking

    @Test
    void fullRankingExcludesTrainingItemsAndBreaksTiesAgainstThePositive() {
        // Items 0..5. User 0 trained on 0 and 1 (the two best-scored items); test item 2.
        // Scores: 0:100 1:99 2:5 3:5 4:1 5:7. Ranking without train: 5, 3 (tie with 2, negative first), 2, 4.
        Interactions train = interactions(6, new int[] {0, 1});
        float[] s = {100, 99, 5, 5, 1, 7};
        RecordingScorer scorer = new RecordingScorer((u, i) -> s[i]);
        EvalResult r = Evaluator.fullRanking(targets(new int[] {0}, new int[][] {{2}}), train, scorer, new int[] {2, 3, 5});
        assertThat(r.metrics().keySet()).containsExactly("Recall@2", "Recall@3", "Recall@5", "NDCG@2", "NDCG@3", "NDCG@5");
        assertThat(r.get("Recall@2")).isZero();
        assertThat(r.get("NDCG@2")).isZero();
        assertThat(r.get("Recall@3")).isEqualTo(1.0);
        assertThat(r.get("NDCG@3")).isCloseTo(0.5, EXACT); // position 2: 1/log2 4
        assertThat(r.get("NDCG@5")).isCloseTo(0.5, EXACT);
        assertThat(r.pairs()).isEqualTo(6);
        assertThat(scorer.fullRankingUsers).containsExactly(0);
    }

    @Test
    void fullRankingNanScoresPutNegativesFirstAndPositivesLast() {
        Interactions train = interactions(5, new int[] {});
        // Positive 0 scores NaN -> last of 5; negative 4 scores NaN -> first.
        float[] s = {Float.NaN, 3, 2, 1, Float.NaN};
        RecordingScorer scorer = new RecordingScorer((u, i) -> s[i]);
        EvalResult r = Evaluator.fullRanking(targets(new int[] {0}, new int[][] {{0}}), train, scorer, new int[] {4, 5});
        assertThat(r.get("Recall@4")).isZero();
        assertThat(r.get("NDCG@5")).isCloseTo(1 / log2(6), EXACT);

        float[] t = {1, 3, 2, 1, Float.NaN};
        EvalResult r2 = Evaluator.fullRanking(targets(new int[] {0}, new int[][] {{1}}), train,
                new RecordingScorer((u, i) -> t[i]), new int[] {1, 2});
        assertThat(r2.get("Recall@1")).as("the NaN negative is ranked above the best positive").isZero();
        assertThat(r2.get("NDCG@2")).isCloseTo(INV_LOG2_3, EXACT);
    }

    @Test
    void fullRankingSeveralUsersAndPositives() {
        // 8 items, same scores for everyone: item i scores 10 - i (item 0 best).
        Interactions train = interactions(8,
                new int[] {0},        // user 0
                new int[] {1, 2, 3},  // user 1
                new int[] {});        // user 2
        RankingTargets set = targets(new int[] {0, 1, 2}, new int[][] {
            {1, 5, 7},   // user 0: ranking 1..7 -> hits at positions 0, 4, 6
            {4, 3},      // user 1: 3 is a training item (ignored); ranking 0,4,5,.. -> hit at 1
            {0, 1},      // user 2: ranking 0..7 -> hits at 0, 1
        });
        RecordingScorer scorer = new RecordingScorer((u, i) -> 10f - i);
        EvalResult r = Evaluator.fullRanking(set, train, scorer, new int[] {1, 2, 5});
        double idcg2 = 1 + INV_LOG2_3;
        assertThat(r.perUser().get("Recall@1")).containsExactly(new double[] {1 / 3.0, 0, 0.5}, EXACT);
        assertThat(r.perUser().get("Recall@2")).containsExactly(new double[] {1 / 3.0, 1, 1}, EXACT);
        assertThat(r.perUser().get("Recall@5")).containsExactly(new double[] {2 / 3.0, 1, 1}, EXACT);
        assertThat(r.perUser().get("NDCG@1")).containsExactly(new double[] {1, 0, 1}, EXACT);
        assertThat(r.perUser().get("NDCG@2")).containsExactly(new double[] {1 / idcg2, INV_LOG2_3, 1}, EXACT);
        double idcg3 = 1 + INV_LOG2_3 + 0.5;
        assertThat(r.perUser().get("NDCG@5")).containsExactly(
                new double[] {(1 + 1 / log2(6)) / idcg3, INV_LOG2_3, 1}, EXACT);
        assertThat(r.get("Recall@5")).isCloseTo((2 / 3.0 + 2) / 3, EXACT);
        assertThat(scorer.fullRankingUsers).containsExactly(0, 1, 2);
    }

    @Test
    void fullRankingMatchesABruteForceSortOnRandomDataWithManyTies() {
        SplittableRandom rnd = new SplittableRandom(11);
        int numUsers = 60;
        int numItems = 300;
        int[][] trainItems = new int[numUsers][];
        int[] users = new int[numUsers];
        int[][] positives = new int[numUsers][];
        float[][] scores = new float[numUsers][numItems];
        for (int u = 0; u < numUsers; u++) {
            int[] perm = permutation(numItems, rnd);
            int nTrain = rnd.nextInt(0, 100);
            int nTest = rnd.nextInt(1, 15);
            trainItems[u] = Arrays.copyOf(perm, nTrain);
            positives[u] = Arrays.copyOfRange(perm, nTrain, nTrain + nTest);
            users[u] = u;
            for (int i = 0; i < numItems; i++) {
                scores[u][i] = rnd.nextInt(20) == 0 ? Float.NaN : rnd.nextInt(6); // many ties
            }
        }
        Interactions train = interactions(numItems, trainItems);
        int[] cutoffs = {1, 5, 10, 20, 50};
        EvalResult r = Evaluator.fullRanking(targets(users, positives), train,
                new RecordingScorer((u, i) -> scores[u][i]), cutoffs);
        for (int u = 0; u < numUsers; u++) {
            boolean[] pos = new boolean[numItems];
            for (int p : positives[u]) {
                pos[p] = true;
            }
            boolean[] seen = new boolean[numItems];
            for (int t : trainItems[u]) {
                seen[t] = true;
            }
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < numItems; i++) {
                if (!seen[i]) {
                    candidates.add(i);
                }
            }
            float[] su = scores[u];
            // The protocol's order, written independently: NaN negatives first, NaN positives last,
            // then by score descending, negatives before positives, item id ascending.
            candidates.sort(Comparator.<Integer>comparingInt(i -> Float.isNaN(su[i]) ? (pos[i] ? 2 : 0) : 1)
                    .thenComparing(i -> Float.isNaN(su[i]) ? 0f : -su[i])
                    .thenComparing(i -> pos[i])
                    .thenComparingInt(i -> i));
            for (int k : cutoffs) {
                double dcg = 0;
                int hits = 0;
                for (int p = 0; p < Math.min(k, candidates.size()); p++) {
                    if (pos[candidates.get(p)]) {
                        hits++;
                        dcg += 1 / log2(p + 2);
                    }
                }
                double idcg = 0;
                for (int p = 0; p < Math.min(k, positives[u].length); p++) {
                    idcg += 1 / log2(p + 2);
                }
                assertThat(r.perUser().get("Recall@" + k)[u]).as("user %d Recall@%d", u, k)
                        .isCloseTo((double) hits / positives[u].length, EXACT);
                assertThat(r.perUser().get("NDCG@" + k)[u]).as("user %d NDCG@%d", u, k).isCloseTo(dcg / idcg, EXACT);
            }
        }
    }

    @Test
    void topKMatchesABruteForceSortWithManyTies() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int round = 0; round < 300; round++) {
            int n = rnd.nextInt(1, 200);
            int k = rnd.nextInt(1, 60);
            float[] scores = new float[n];
            boolean[] positive = new boolean[n];
            for (int i = 0; i < n; i++) {
                int v = rnd.nextInt(8);
                scores[i] = v == 7 ? Float.NaN : v == 6 ? Float.NEGATIVE_INFINITY : v;
                positive[i] = rnd.nextInt(4) == 0;
            }
            int[] offered = permutation(n, rnd);
            offered = Arrays.copyOf(offered, rnd.nextInt(0, n + 1));
            Evaluator.TopK top = new Evaluator.TopK(k);
            top.reset(scores, positive);
            for (int i : offered) {
                top.offer(i);
            }
            Integer[] expected = Arrays.stream(offered).boxed().toArray(Integer[]::new);
            Arrays.sort(expected, Comparator.<Integer>comparingDouble(i -> rankKey(scores[i], positive[i])).reversed()
                    .thenComparing(i -> positive[i])
                    .thenComparingInt(i -> i));
            int[] want = Arrays.stream(expected).limit(k).mapToInt(Integer::intValue).toArray();
            assertThat(top.sortedDescending()).as("round %d", round).containsExactly(want);
        }
    }

    @Test
    void topKCanBeReused() {
        Evaluator.TopK top = new Evaluator.TopK(2);
        float[] a = {1, 2, 3};
        top.reset(a, new boolean[3]);
        for (int i = 0; i < 3; i++) {
            top.offer(i);
        }
        assertThat(top.sortedDescending()).containsExactly(2, 1);
        float[] b = {3, 2, 1};
        top.reset(b, new boolean[3]);
        top.offer(2);
        assertThat(top.sortedDescending()).containsExactly(2);
    }

    private static double rankKey(float s, boolean positive) {
        if (Float.isNaN(s)) {
            return positive ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return s;
    }

    // ----------------------------------------------------------------------------- helpers

    private static int[] permutation(int n, SplittableRandom rnd) {
        int[] p = range(0, n);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    private static int[] repeat(int v, int n) {
        int[] r = new int[n];
        Arrays.fill(r, v);
        return r;
    }

    private static int[] concat(int[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        int[] out = new int[n];
        int o = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
