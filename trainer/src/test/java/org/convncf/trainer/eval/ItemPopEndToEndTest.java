package org.convncf.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.convncf.trainer.eval.EvalFixtures.byUser;
import static org.convncf.trainer.eval.EvalFixtures.negativesOf;
import static org.convncf.trainer.eval.EvalFixtures.sampledTest;
import static org.convncf.trainer.eval.EvalFixtures.sampledValidation;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.convncf.trainer.TestData;
import org.convncf.trainer.data.CsvReader;
import org.convncf.trainer.data.DataFormat;
import org.convncf.trainer.data.DatasetLoader;
import org.convncf.trainer.data.HeldOut;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.data.LoadedDataset;
import org.convncf.trainer.model.Model;
import org.convncf.trainer.model.TrainingContext;
import org.convncf.trainer.model.itempop.ItemPop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ItemPop evaluated end to end on real data (skipped when ../shared/data is absent, failing in CI),
 * with the test metrics recomputed by brute force, independently of the evaluator and of ItemPop.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ItemPopEndToEndTest {

    private static final long SEED = 42L; // SplitOptions.defaults()

    private static LoadedDataset load(String name) throws IOException {
        return DatasetLoader.load(TestData.dataset(name), DataFormat.AUTO, CsvReader.Options.DEFAULT);
    }

    private static Model itemPop(Split split) {
        return new ItemPop().fit(split.train(), new ItemPop.Config(), TrainingContext.simple(SEED));
    }

    /** Training interactions per item, counted here rather than by ItemPop. */
    private static int[] popularity(Interactions train) {
        int[] counts = new int[train.numItems()];
        for (int u = 0; u < train.numUsers(); u++) {
            for (int i : train.itemsOf(u)) {
                counts[i]++;
            }
        }
        return counts;
    }

    /** {HR@10, NDCG@10} by brute force: rank = negatives at least as popular as the positive. */
    private static double[] bruteForceAt10(int[] counts, Map<Integer, int[]> candidatesByUser) {
        double hr = 0;
        double ndcg = 0;
        for (int[] c : candidatesByUser.values()) {
            int rank = 0;
            for (int n : negativesOf(c)) {
                if (counts[n] >= counts[c[0]]) {
                    rank++;
                }
            }
            if (rank < 10) {
                hr++;
                ndcg += Math.log(2) / Math.log(rank + 2);
            }
        }
        return new double[] {hr / candidatesByUser.size(), ndcg / candidatesByUser.size()};
    }

    @Test
    void lastfmGivenSplitWithGivenNegatives() throws IOException {
        LoadedDataset data = load("lastfm-deepcf");
        Split split = Splits.given(data, Protocol.SAMPLED, 0, SEED);
        SplitInfo info = split.info();
        assertThat(info.testUsers()).isEqualTo(1741);
        assertThat(info.negatives()).isEqualTo(99);
        assertThat(info.negativeSource()).isEqualTo("given");
        // 2434 given negatives are training positives and 86 are the test item itself (README caveat).
        assertThat(info.givenNegativeCollisions()).isEqualTo(2520);
        assertThat(info.validationUsers()).isEqualTo(1741);
        assertThat(info.trainInteractions()).isEqualTo(67_408 - 1741);

        // The candidates are the file's, and the training view lacks every validation item.
        HeldOut given = data.test().orElseThrow();
        Map<Integer, int[]> test = byUser(sampledTest(split));
        Map<Integer, int[]> valid = byUser(sampledValidation(split));
        assertThat(test).hasSize(1741);
        int[] countsWithoutValidation = popularity(data.train());
        for (int u = 0; u < data.numUsers(); u++) {
            countsWithoutValidation[valid.get(u)[0]]--;
            assertThat(test.get(u)[0]).isEqualTo(given.itemsOf(u)[0]);
            assertThat(negativesOf(test.get(u))).containsExactly(given.negativesOf(u));
            assertThat(split.train().contains(u, valid.get(u)[0])).isFalse();
            assertThat(split.train().contains(u, test.get(u)[0])).isFalse();
        }

        try (Model model = itemPop(split)) {
            EvalResult r = split.evaluateTest(model);
            assertThat(popularity(split.train())).containsExactly(countsWithoutValidation);
            double[] brute = bruteForceAt10(countsWithoutValidation, test);
            assertThat(r.users()).isEqualTo(1741);
            assertThat(r.get("HR@10")).isCloseTo(brute[0], within(1e-12));
            assertThat(r.get("NDCG@10")).isCloseTo(brute[1], within(1e-9));
            // Observed (seed 42; the CLI printed 0.6640 / 0.3814): 1156 of 1741 users hit.
            assertThat(r.get("HR@10")).isCloseTo(1156.0 / 1741, within(1e-12));
            assertThat(r.get("NDCG@10")).isCloseTo(0.38139003, within(1e-6));
        }
    }

    @Test
    void lastfmWithoutTheGivenNegativesThatArePositives() throws IOException {
        LoadedDataset data = load("lastfm-deepcf");
        Split split = Splits.given(data, Protocol.SAMPLED, 0, SEED, GivenNegatives.DROP_POSITIVES);
        assertThat(split.info().givenNegativeCollisions()).isEqualTo(2520);
        Interactions pool = Splits.pool(data);
        Map<Integer, int[]> test = byUser(sampledTest(split));
        int negatives = 0;
        for (Map.Entry<Integer, int[]> e : test.entrySet()) {
            for (int n : negativesOf(e.getValue())) {
                assertThat(pool.contains(e.getKey(), n)).as("negative %d of user %d", n, e.getKey()).isFalse();
            }
            negatives += negativesOf(e.getValue()).length;
        }
        assertThat(negatives).isEqualTo(1741 * 99 - 2520);
    }

    @Test
    void ml100kLeaveOneOutLatestWith999Negatives() throws IOException {
        LoadedDataset data = load("ml-100k");
        Interactions all = data.train();
        assertThat(all.size()).isEqualTo(100_000);
        assertThat(all.hasTimestamps()).isTrue();
        Split split = Splits.leaveOneOut(data.name(), all, 999, SEED);
        SplitInfo info = split.info();
        assertThat(info.testUsers()).isEqualTo(943);
        assertThat(info.validationUsers()).isEqualTo(943);
        assertThat(info.trainInteractions()).isEqualTo(100_000 - 2 * 943);
        assertThat(info.fingerprint()).isEqualTo(all.fingerprint());

        Map<Integer, int[]> test = byUser(sampledTest(split));
        Map<Integer, int[]> valid = byUser(sampledValidation(split));
        int[] countsWithoutHeldOut = new int[all.numItems()];
        for (int u = 0; u < all.numUsers(); u++) {
            int t = test.get(u)[0];
            int v = valid.get(u)[0];
            long latest = Long.MIN_VALUE;
            long testTime = Long.MIN_VALUE;
            for (int idx = all.start(u); idx < all.end(u); idx++) {
                latest = Math.max(latest, all.timeAt(idx));
                if (all.itemAt(idx) == t) {
                    testTime = all.timeAt(idx);
                }
                if (all.itemAt(idx) != t && all.itemAt(idx) != v) {
                    countsWithoutHeldOut[all.itemAt(idx)]++;
                }
            }
            assertThat(testTime).as("user %d's test item is one of its latest", u).isEqualTo(latest);
            assertThat(v).isNotEqualTo(t);
            for (int[] c : new int[][] {test.get(u), valid.get(u)}) {
                int[] neg = negativesOf(c);
                assertThat(neg).hasSize(Math.min(999, all.numItems() - all.degree(u)));
                Set<Integer> distinct = new HashSet<>();
                for (int n : neg) {
                    assertThat(all.contains(u, n)).isFalse();
                    distinct.add(n);
                }
                assertThat(distinct).hasSize(neg.length);
            }
        }
        // ItemPop must have been trained on all - test - validation: the counts agree.
        assertThat(popularity(split.train())).containsExactly(countsWithoutHeldOut);

        try (Model model = itemPop(split)) {
            EvalResult r = split.evaluateTest(model);
            double[] brute = bruteForceAt10(countsWithoutHeldOut, test);
            assertThat(r.get("HR@10")).isCloseTo(brute[0], within(1e-12));
            assertThat(r.get("NDCG@10")).isCloseTo(brute[1], within(1e-9));
            // Observed (seed 42; the CLI printed 0.1135 / 0.0591): 107 of 943 users hit.
            assertThat(r.get("HR@10")).isCloseTo(107.0 / 943, within(1e-12));
            assertThat(r.get("NDCG@10")).isCloseTo(0.05911016, within(1e-6));
        }
    }
}
