package org.convncf.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.convncf.trainer.eval.EvalFixtures.byUser;
import static org.convncf.trainer.eval.EvalFixtures.log2;
import static org.convncf.trainer.eval.EvalFixtures.negativesOf;
import static org.convncf.trainer.eval.EvalFixtures.rankingTest;
import static org.convncf.trainer.eval.EvalFixtures.rankingValidation;
import static org.convncf.trainer.eval.EvalFixtures.sampledTest;
import static org.convncf.trainer.eval.EvalFixtures.sampledValidation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.convncf.trainer.data.AdjacencyListReader;
import org.convncf.trainer.data.HeldOut;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.data.LoadedDataset;
import org.convncf.trainer.data.NcfReader;
import org.convncf.trainer.eval.EvalFixtures.RecordingScorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link Splits#given} on small NCF-like and LightGCN-like datasets read with the public readers, and {@link Splits#pool}. */
// A sampler that never restores its blocked items would spin forever: fail instead of hanging the build.
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GivenSplitTest {

    private static final Offset<Double> EXACT = within(1e-12);
    private static final double INV_LOG2_3 = 0.6309297535714575;

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    /**
     * Users 0, 1, 2 and items 0..5 (internal ids equal the file ids by construction). Given negatives:
     * user 0's include its training item 1, user 1's include its own test item 0.
     */
    private LoadedDataset ncf() throws IOException {
        Path train = write("t.train.rating", "0\t0\t1\n0\t1\t1\n0\t2\t1\n1\t1\t1\n1\t3\t1\n2\t2\t1\n");
        Path test = write("t.test.rating", "0\t3\t1\n1\t0\t1\n2\t4\t1\n");
        Path neg = write("t.test.negative", "(0,3)\t4\t5\t1\n(1,0)\t2\t0\t5\n(2,4)\t0\t1\t5\n");
        LoadedDataset d = NcfReader.read("ncf-mini", train, test, neg);
        for (int i = 0; i < 6; i++) {
            assertThat(d.train().items().externalId(i)).isEqualTo(Integer.toString(i));
        }
        return d;
    }

    /** LightGCN-like: train 0:{0,1,2} 1:{1,3} 2:{2}; valid 0:{4} 1:{5}; test 0:{3,5} 1:{0,2} 2:{4}. */
    private LoadedDataset lightgcn(boolean withValid) throws IOException {
        Path train = write("train.txt", "0 0 1 2\n1 1 3\n2 2\n");
        Path valid = withValid ? write("valid.txt", "0 4\n1 5\n") : null;
        Path test = write("test.txt", "0 3 5\n1 0 2\n2 4\n");
        LoadedDataset d = AdjacencyListReader.read("lgcn-mini", train, valid, test);
        if (withValid) {
            for (int i = 0; i < 6; i++) {
                assertThat(d.train().items().externalId(i)).isEqualTo(Integer.toString(i));
            }
        }
        return d;
    }

    // ------------------------------------------------------------------ sampled, given negatives

    @Test
    void givenNegativesAreKeptExactlyAsGivenAndCollisionsCounted() throws IOException {
        LoadedDataset data = ncf();
        Split split = Splits.given(data, Protocol.SAMPLED, 0, 42L);
        Map<Integer, int[]> test = byUser(sampledTest(split));
        assertThat(test.keySet()).containsExactly(0, 1, 2);
        // Order and content as in the file, including the colliding ones.
        assertThat(test.get(0)).containsExactly(3, 4, 5, 1);
        assertThat(test.get(1)).containsExactly(0, 2, 0, 5);
        assertThat(test.get(2)).containsExactly(4, 0, 1, 5);

        SplitInfo info = split.info();
        assertThat(info.givenNegativeCollisions()).as("item 1 (train of user 0) and item 0 (test item of user 1)").isEqualTo(2);
        assertThat(info.negativeSource()).isEqualTo("given");
        assertThat(info.negatives()).isEqualTo(3);
        assertThat(info.testUsers()).isEqualTo(3);
        assertThat(info.testPositives()).isEqualTo(3);
        assertThat(info.users()).isEqualTo(3);
        assertThat(info.items()).isEqualTo(6);
        assertThat(info.protocol()).isEqualTo("sampled");
        assertThat(info.method()).isEqualTo("given test split, validation = random training item");
        // The fingerprint identifies the split, not only the data: other negatives, another fingerprint.
        assertThat(info.fingerprint()).hasSize(64).isNotEqualTo(data.train().fingerprint());
        assertThat(Splits.given(data, Protocol.SAMPLED, 0, 42).info().fingerprint()).isEqualTo(info.fingerprint());
        HeldOut given = data.test().orElseThrow();
        int[] noNegatives = new int[given.numUsers() + 1];
        HeldOut fewer = HeldOut.withNegatives(offsetsOf(given), itemsOf(given), noNegatives, new int[0]);
        LoadedDataset other = new LoadedDataset(data.name(), data.train(), null, fewer, 0);
        assertThat(Splits.given(other, Protocol.SAMPLED, 3, 42).info().fingerprint()).isNotEqualTo(info.fingerprint());
        assertThat(info.describe()).contains("2 given negatives are positives; kept as given");

        // The given negative equal to the test item ties with it and counts against it.
        EvalResult r = split.evaluateTest(new RecordingScorer((u, i) -> (float) i));
        // user 0: 3 vs {4, 5, 1} -> rank 2; user 1: 0 vs {2, 0, 5} -> rank 3; user 2: 4 vs {0, 1, 5} -> rank 1.
        assertThat(r.perUser().get("NDCG@5")).containsExactly(new double[] {0.5, 1 / log2(5), INV_LOG2_3}, EXACT);
        assertThat(r.get("HR@5")).isEqualTo(1.0);
    }

    @Test
    void dropPositivesRemovesExactlyTheCollidingGivenNegatives() throws IOException {
        LoadedDataset data = ncf();
        Split split = Splits.given(data, Protocol.SAMPLED, 0, 42L, GivenNegatives.DROP_POSITIVES);
        Map<Integer, int[]> test = byUser(sampledTest(split));
        // User 0 loses item 1 (a training item), user 1 its own test item 0; order otherwise kept.
        assertThat(test.get(0)).containsExactly(3, 4, 5);
        assertThat(test.get(1)).containsExactly(0, 2, 5);
        assertThat(test.get(2)).containsExactly(4, 0, 1, 5);
        SplitInfo info = split.info();
        assertThat(info.givenNegativeCollisions()).isEqualTo(2);
        assertThat(info.negatives()).as("the file's count, which validation samples").isEqualTo(3);
        assertThat(info.negativeSource()).isEqualTo(GivenNegatives.DROP_POSITIVES.source());
        assertThat(info.describe()).contains("2 given negatives are positives; dropped");
        // Same data (fingerprint), told apart from the as-given split by its negative source.
        Split asGiven = Splits.given(data, Protocol.SAMPLED, 0, 42L, GivenNegatives.AS_GIVEN);
        assertThat(info.fingerprint()).isEqualTo(asGiven.info().fingerprint());
        assertThat(asGiven.info().negativeSource()).isEqualTo("given");
        // Training and validation are those of the as-given split.
        assertThat(split.train().fingerprint()).isEqualTo(asGiven.train().fingerprint());
        assertThat(byUser(sampledValidation(split)).get(1)).containsExactly(byUser(sampledValidation(asGiven)).get(1));

        // User 1's positive no longer ties with (and loses to) itself: rank 3 instead of 4.
        EvalResult r = split.evaluateTest(new RecordingScorer((u, i) -> (float) i));
        assertThat(r.perUser().get("NDCG@5")).containsExactly(new double[] {0.5, 0.5, INV_LOG2_3}, EXACT);
    }

    @Test
    void validationIsSampledFromTrainAndRemovedFromIt() throws IOException {
        LoadedDataset data = ncf();
        Interactions observed = data.train();
        Split split = Splits.given(data, Protocol.SAMPLED, 0, 42L);
        Map<Integer, int[]> valid = byUser(sampledValidation(split));
        assertThat(valid.keySet()).as("user 2 has a single training item: no validation").containsExactly(0, 1);
        int removed = 0;
        for (int u : valid.keySet()) {
            int v = valid.get(u)[0];
            assertThat(observed.contains(u, v)).as("the validation item is a training item").isTrue();
            assertThat(split.train().contains(u, v)).as("and is no longer in train").isFalse();
            int[] expected = Arrays.stream(observed.itemsOf(u)).filter(i -> i != v).toArray();
            assertThat(split.train().itemsOf(u)).containsExactly(expected);
            removed++;
        }
        assertThat(split.train().itemsOf(2)).containsExactly(2);
        assertThat(split.train().size()).isEqualTo(observed.size() - removed);
        assertThat(split.info().trainInteractions()).isEqualTo(4);
        assertThat(split.info().validationUsers()).isEqualTo(2);
        // Validation negatives (default: as many as given per test item, 3) avoid every positive,
        // the test item included: user 0 has only items 4 and 5 left, user 1 has 2, 4, 5.
        assertThat(negativesOf(valid.get(0))).containsExactlyInAnyOrder(4, 5);
        assertThat(negativesOf(valid.get(1))).containsExactlyInAnyOrder(2, 4, 5);
        // Test candidates are untouched by the validation choice.
        assertThat(byUser(sampledTest(split)).get(0)).containsExactly(3, 4, 5, 1);

        // An explicit count applies to validation; the given test negatives stay as given.
        Split two = Splits.given(data, Protocol.SAMPLED, 2, 42L);
        assertThat(negativesOf(byUser(sampledValidation(two)).get(1))).hasSize(2).doesNotContain(0, 1, 3);
        assertThat(byUser(sampledTest(two)).get(1)).containsExactly(0, 2, 0, 5);
        // Seeded.
        Split again = Splits.given(data, Protocol.SAMPLED, 0, 42L);
        assertThat(again.train().fingerprint()).isEqualTo(split.train().fingerprint());
        assertThat(byUser(sampledValidation(again)).get(1)).containsExactly(valid.get(1));
    }

    @Test
    void sampledGivenSplitWithoutGivenNegativesSamplesThemAvoidingAllPositives() throws IOException {
        // LightGCN-like files with one test item per user, sampled protocol.
        Path train = write("train.txt", "0 0 1 2\n1 1 3\n2 2 6 7\n");
        Path valid = write("valid.txt", "0 4\n2 5\n");
        Path test = write("test.txt", "0 3\n1 0\n2 8\n");
        LoadedDataset data = AdjacencyListReader.read("lgcn-one", train, valid, test);
        Split split = Splits.given(data, Protocol.SAMPLED, 4, 9L);
        assertThat(split.info().negativeSource()).isEqualTo("sampled");
        assertThat(split.info().negatives()).isEqualTo(4);
        assertThat(split.info().method()).endsWith("validation = given");
        assertThat(split.train().size()).as("given validation: train unchanged").isEqualTo(data.train().size());
        Interactions pool = Splits.pool(data);
        for (Map<Integer, int[]> set : java.util.List.of(byUser(sampledTest(split)), byUser(sampledValidation(split)))) {
            set.forEach((u, c) -> {
                assertThat(negativesOf(c)).hasSize(Math.min(4, data.numItems() - pool.degree(u)));
                for (int n : negativesOf(c)) {
                    assertThat(pool.contains(u, n)).as("negative %d of user %d", n, u).isFalse();
                }
            });
        }
        assertThat(byUser(sampledValidation(split)).keySet()).containsExactly(0, 2);
        assertThat(byUser(sampledValidation(split)).get(2)[0]).isEqualTo(data.train().items().indexOf("5"));
    }

    @Test
    void sampledProtocolRejectsTwoTestItemsForAUser() throws IOException {
        LoadedDataset data = lightgcn(true);
        assertThatThrownBy(() -> Splits.given(data, Protocol.SAMPLED, 10, 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lgcn-mini")
                .hasMessageContaining("holds out 2 test items for user 0")
                .hasMessageContaining("use full ranking");
    }

    @Test
    void sampledProtocolRejectsTwoGivenValidationItemsForAUser() throws IOException {
        Path train = write("train.txt", "0 0 1 2\n1 1 3\n");
        Path valid = write("valid.txt", "0 4 5\n");
        Path test = write("test.txt", "0 3\n1 0\n");
        LoadedDataset data = AdjacencyListReader.read("lgcn-v2", train, valid, test);
        assertThatThrownBy(() -> Splits.given(data, Protocol.SAMPLED, 10, 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds out 2 validation items");
    }

    @Test
    void givenNeedsATestSplit() throws IOException {
        Path train = write("train.txt", "0 0 1 2\n");
        LoadedDataset data = AdjacencyListReader.read("no-test", train, null, null);
        assertThatThrownBy(() -> Splits.given(data, Protocol.FULL_RANKING, 0, 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-test has no given test split");
    }

    // ------------------------------------------------------------------------- full ranking

    @Test
    void fullRankingWithMultiItemTestAndGivenValidation() throws IOException {
        LoadedDataset data = lightgcn(true);
        Split split = Splits.given(data, Protocol.FULL_RANKING, 0, 1L);
        assertThat(split.protocol()).isEqualTo(Protocol.FULL_RANKING);
        assertThat(split.train()).isSameAs(data.train());
        assertThat(byUser(rankingTest(split)).keySet()).containsExactly(0, 1, 2);
        assertThat(byUser(rankingTest(split)).get(0)).containsExactly(3, 5);
        assertThat(byUser(rankingTest(split)).get(1)).containsExactly(0, 2);
        assertThat(byUser(rankingTest(split)).get(2)).containsExactly(4);
        assertThat(byUser(rankingValidation(split)).keySet()).containsExactly(0, 1);
        assertThat(byUser(rankingValidation(split)).get(0)).containsExactly(4);
        assertThat(byUser(rankingValidation(split)).get(1)).containsExactly(5);
        SplitInfo info = split.info();
        assertThat(info.protocol()).isEqualTo("full-ranking");
        assertThat(info.method()).isEqualTo("given test split, validation = given");
        assertThat(info.testUsers()).isEqualTo(3);
        assertThat(info.testPositives()).isEqualTo(5);
        assertThat(info.validationUsers()).isEqualTo(2);
        assertThat(info.negatives()).isZero();
        assertThat(info.negativeSource()).isEqualTo("all unseen items");
        assertThat(info.trainInteractions()).isEqualTo(6);

        // Item i scores 10 - i. User 0 ranks 3, 4, 5 (0..2 are training items): positives at 0 and 2.
        // User 1 ranks 0, 2, 4, 5: positives at 0 and 1. User 2 ranks 0, 1, 3, 4, 5: positive at 3.
        RecordingScorer scorer = new RecordingScorer((u, i) -> 10f - i);
        EvalResult r = split.evaluateTest(scorer);
        assertThat(r.perUser().get("Recall@5")).containsExactly(1, 1, 1);
        assertThat(r.perUser().get("NDCG@5")).containsExactly(
                new double[] {1.5 / (1 + INV_LOG2_3), 1, 1 / log2(5)}, EXACT);
        assertThat(scorer.fullRankingUsers).containsExactly(0, 1, 2);
        EvalResult v = split.evaluateValidation(new RecordingScorer((u, i) -> 10f - i));
        // User 0 ranks 3, 4, 5: validation item 4 at 1. User 1 ranks 0, 2, 4, 5: item 5 at 3.
        assertThat(v.perUser().get("NDCG@20")).containsExactly(new double[] {INV_LOG2_3, 1 / log2(5)}, EXACT);
    }

    @Test
    void fullRankingCarvesValidationFromTrain() throws IOException {
        LoadedDataset data = lightgcn(false);
        Interactions observed = data.train();
        Split split = Splits.given(data, Protocol.FULL_RANKING, 0, 3L);
        Map<Integer, int[]> valid = byUser(rankingValidation(split));
        assertThat(valid.keySet()).as("users with >= 2 training items and a test item").containsExactly(0, 1);
        for (int u : valid.keySet()) {
            assertThat(valid.get(u)).hasSize(1);
            int v = valid.get(u)[0];
            assertThat(observed.contains(u, v)).isTrue();
            assertThat(split.train().contains(u, v)).isFalse();
            assertThat(split.train().degree(u)).isEqualTo(observed.degree(u) - 1);
        }
        assertThat(split.train().size()).isEqualTo(observed.size() - 2);
        assertThat(split.info().method()).isEqualTo("given test split, validation = random training item");
        assertThat(split.info().testPositives()).isEqualTo(5);
        assertThat(split.info().validationUsers()).isEqualTo(2);
        // Score: the external id counts down (item "0" best), except that user 0's validation item is best of all.
        int v0 = valid.get(0)[0];
        RecordingScorer scorer = new RecordingScorer((u, i) -> u == 0 && i == v0 ? 100f
                : 10f - Integer.parseInt(observed.items().externalId(i)));
        // The validation ranking excludes what remains in train, so the carved item is ranked (first).
        EvalResult v = split.evaluateValidation(scorer);
        assertThat(v.users()).isEqualTo(2);
        assertThat(v.perUser().get("NDCG@5")[0]).isEqualTo(1.0);
        // The test ranking is LightGCN's: over the items not in the dataset's train file. The carved
        // validation item is one of the user's positives, not a candidate negative. User 0 ranks
        // "3", "4", "5": positives "3" and "5" at 0 and 2.
        EvalResult t = split.evaluateTest(scorer);
        assertThat(t.perUser().get("Recall@5")[0]).isEqualTo(1.0);
        assertThat(t.perUser().get("NDCG@5")[0]).isCloseTo(1.5 / (1 + INV_LOG2_3), EXACT);
        // User 1 trained on "1", "3" (one carved out): ranks "0", "2", "4", "5": positives at 0 and 1.
        assertThat(t.perUser().get("NDCG@5")[1]).isCloseTo(1.0, EXACT);
    }

    @Test
    void fullRankingDropsTestItemsThatAreTrainingItems() throws IOException {
        Path train = write("train.txt", "0 0 1 2\n1 1 3\n");
        Path valid = write("valid.txt", "0 4\n");
        Path test = write("test.txt", "0 3 1\n1 1\n");
        LoadedDataset data = AdjacencyListReader.read("overlap", train, valid, test);
        Split split = Splits.given(data, Protocol.FULL_RANKING, 0, 1L);
        int item3 = data.train().items().indexOf("3");
        Map<Integer, int[]> test0 = byUser(rankingTest(split));
        assertThat(test0.get(0)).containsExactly(item3);
        assertThat(test0).as("user 1's only test item is a training item").doesNotContainKey(1);
        assertThat(split.info().testPositives()).isEqualTo(1);
    }

    // --------------------------------------------------------------------------------- pool

    @Test
    void poolMergesTrainValidationAndTestWithoutDuplicates() throws IOException {
        Path train = write("train.txt", "0 0 1 2\n1 1 3\n2 2\n");
        Path valid = write("valid.txt", "0 4 1\n1 5\n");
        Path test = write("test.txt", "0 3 5 4\n1 0 2 5\n2 2\n");
        LoadedDataset data = AdjacencyListReader.read("dups", train, valid, test);
        Interactions pool = Splits.pool(data);
        String[][] expected = {{"0", "1", "2", "4", "3", "5"}, {"1", "3", "5", "0", "2"}, {"2"}};
        for (int u = 0; u < 3; u++) {
            int[] items = pool.itemsOf(u);
            String[] ext = Arrays.stream(items).mapToObj(i -> pool.items().externalId(i)).toArray(String[]::new);
            assertThat(ext).as("user %d", u).containsExactly(expected[u]);
        }
        assertThat(pool.size()).isEqualTo(12);
        assertThat(pool.numItems()).isEqualTo(data.numItems());
        assertThat(pool.users()).isEqualTo(data.train().users());
        assertThat(pool.hasTimestamps()).isFalse();

        // NCF: train + one test item per user; negatives are not interactions.
        LoadedDataset ncf = ncf();
        Interactions ncfPool = Splits.pool(ncf);
        assertThat(ncfPool.size()).isEqualTo(9);
        assertThat(ncfPool.itemsOf(0)).containsExactly(0, 1, 2, 3);
        assertThat(ncfPool.contains(0, 4)).isFalse();
        // A dataset without given splits pools to its training interactions.
        LoadedDataset plain = new LoadedDataset("plain", ncf.train(), null, null, 0);
        assertThat(Splits.pool(plain).fingerprint()).isEqualTo(Interactions.ofCsr(ncf.train().users(), ncf.train().items(),
                offsets(ncf.train()), flat(ncf.train()), null).fingerprint());
    }

    private static int[] offsets(Interactions x) {
        int[] o = new int[x.numUsers() + 1];
        for (int u = 0; u < x.numUsers(); u++) {
            o[u + 1] = x.end(u);
        }
        return o;
    }

    private static int[] flat(Interactions x) {
        int[] f = new int[x.size()];
        for (int k = 0; k < f.length; k++) {
            f[k] = x.itemAt(k);
        }
        return f;
    }

    private static int[] offsetsOf(HeldOut h) {
        int[] off = new int[h.numUsers() + 1];
        for (int u = 0; u < h.numUsers(); u++) {
            off[u + 1] = off[u] + h.itemsOf(u).length;
        }
        return off;
    }

    private static int[] itemsOf(HeldOut h) {
        return java.util.stream.IntStream.range(0, h.numUsers()).flatMap(u -> java.util.Arrays.stream(h.itemsOf(u))).toArray();
    }
}
