package org.convncf.trainer.model.itemknn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.convncf.trainer.model.knn.KnnFixtures.allScores;
import static org.convncf.trainer.model.knn.KnnFixtures.context;
import static org.convncf.trainer.model.knn.KnnFixtures.pairScores;
import static org.convncf.trainer.model.knn.KnnFixtures.tiny;

import java.io.IOException;
import java.util.Map;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.model.HyperParameters;
import org.convncf.trainer.model.knn.ItemItemModel;
import org.convncf.trainer.model.knn.KnnFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ItemKnnTest {

    private static final int A = 0, B = 1, C = 2, D = 3, E = 4;
    private static final double S6 = Math.sqrt(6); // sqrt|U_i| · sqrt|U_j| for a 3-user and a 2-user item

    private static ItemItemModel fit(Interactions x, int k, double shrink) {
        return (ItemItemModel) new ItemKnn().fit(x, new ItemKnn.Config(k, shrink), context(0));
    }

    @Test
    void cosineWithShrinkMatchesHandComputedValues() {
        ItemItemModel m = fit(tiny(), 100, 10);
        // |U_A ∩ U_B| = 2 (u0, u1), |U_A| = |U_B| = 3.
        assertThat((double) m.weight(A, B)).isCloseTo(2 / (3 + 10.0), within(1e-7));
        assertThat((double) m.weight(B, A)).isCloseTo(2 / (3 + 10.0), within(1e-7));
        assertThat((double) m.weight(A, C)).isCloseTo(1 / (S6 + 10), within(1e-7));
        assertThat((double) m.weight(B, C)).isCloseTo(2 / (S6 + 10), within(1e-7));
        assertThat((double) m.weight(C, D)).isCloseTo(1 / (2 + 10.0), within(1e-7));
        // No common user: nothing kept; never the item itself.
        assertThat(m.weight(A, E)).isZero();
        assertThat(m.weight(A, A)).isZero();
        assertThat(m.byTarget().idsOf(E)).isEmpty();
        assertThat(m.byTarget().idsOf(A)).containsExactly(B, C, D);
    }

    @Test
    void withoutShrinkItIsThePlainCosine() {
        ItemItemModel m = fit(tiny(), 100, 0);
        assertThat((double) m.weight(A, B)).isCloseTo(2 / 3.0, within(1e-7));
        assertThat((double) m.weight(C, D)).isCloseTo(0.5, within(1e-7));
        assertThat((double) m.weight(B, D)).isCloseTo(1 / S6, within(1e-7));
    }

    @Test
    void topKKeepsTheLargestPerTargetAndBreaksTiesByLowerId() {
        ItemItemModel one = fit(tiny(), 1, 10);
        // Target A: B (2/13) beats C, D (1/(√6+10) each).
        assertThat(one.byTarget().idsOf(A)).containsExactly(B);
        // Target D: C (1/12) beats A and B (1/(√6+10)).
        assertThat(one.byTarget().idsOf(D)).containsExactly(C);

        ItemItemModel two = fit(tiny(), 2, 10);
        // Target D: C, then the tie A = B goes to the lower id A.
        assertThat(two.byTarget().idsOf(D)).containsExactly(A, C);
        // Target A: B, then the tie C = D goes to C.
        assertThat(two.byTarget().idsOf(A)).containsExactly(B, C);
        // Target B: C (2/(√6+10)) and A (2/13); D (1/(√6+10)) is cut.
        assertThat(two.byTarget().idsOf(B)).containsExactly(A, C);
        // Truncation is per target, so the kept W is not symmetric: target A keeps C, target C drops A.
        assertThat(two.byTarget().idsOf(C)).containsExactly(B, D);
        assertThat(two.weight(C, A)).isPositive();
        assertThat(two.weight(A, C)).isZero();
    }

    @Test
    void scoresSumTheKeptSimilaritiesOfTheUsersItems() {
        ItemItemModel m = fit(tiny(), 2, 10);
        int u3 = 3; // {A, D}
        float[] all = new float[5];
        m.scoreAllItems(u3, all);
        // N(B) = {A, C}: only A is u3's.
        assertThat((double) all[B]).isCloseTo(2 / 13.0, within(1e-7));
        // N(C) = {B, D}: only D is u3's.
        assertThat((double) all[C]).isCloseTo(1 / 12.0, within(1e-7));
        // N(A) = {B, C}: D lost the tie, so u3's D contributes nothing.
        assertThat(all[A]).isZero();
        // N(D) = {A, C}: u3's A.
        assertThat((double) all[D]).isCloseTo(1 / (S6 + 10), within(1e-7));
        assertThat(all[E]).isZero();

        int u0 = 0; // {A, B, C}
        m.scoreAllItems(u0, all);
        assertThat((double) all[D]).isCloseTo(1 / (S6 + 10) + 1 / 12.0, within(1e-7));
    }

    @Test
    void pairAndFullRankingScoresAreBitIdentical() {
        Interactions x = KnnFixtures.random(120, 60, 15, 3);
        ItemItemModel m = fit(x, 7, 2);
        float[][] all = allScores(m, x);
        float[][][] pairs = pairScores(m, x);
        assertThat(pairs[0]).isDeepEqualTo(all);
        assertThat(pairs[1]).isDeepEqualTo(all);
    }

    @Test
    void matchesADenseReferenceOnRandomData() {
        Interactions x = KnnFixtures.random(80, 40, 12, 5);
        int n = x.numItems();
        int k = 5;
        double shrink = 3;
        // Dense reference: counts, cosine + shrink, per-target top-k by (value desc, id asc).
        double[][] co = new double[n][n];
        int[] deg = x.itemCounts();
        for (int u = 0; u < x.numUsers(); u++) {
            int[] items = x.sortedItemsOf(u);
            for (int a : items) {
                for (int b : items) {
                    co[a][b]++;
                }
            }
        }
        ItemItemModel m = fit(x, k, shrink);
        for (int j = 0; j < n; j++) {
            float[] sim = new float[n];
            for (int i = 0; i < n; i++) {
                sim[i] = i == j || co[i][j] == 0 ? 0f
                        : (float) (co[i][j] / (Math.sqrt(deg[i]) * Math.sqrt(deg[j]) + shrink));
            }
            java.util.List<Integer> order = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (sim[i] > 0) {
                    order.add(i);
                }
            }
            order.sort((p, q) -> sim[p] != sim[q] ? Float.compare(sim[q], sim[p]) : Integer.compare(p, q));
            int[] expected = order.subList(0, Math.min(k, order.size())).stream().mapToInt(Integer::intValue).sorted().toArray();
            assertThat(m.byTarget().idsOf(j)).as("neighbours of %d", j).containsExactly(expected);
            for (int i : expected) {
                assertThat(m.weight(i, j)).isEqualTo(sim[i]);
            }
        }
    }

    @Test
    void fitsAreDeterministicWhateverTheThreads() {
        Interactions x = KnnFixtures.random(400, 150, 30, 11);
        ItemKnn.Config c = new ItemKnn.Config(10, 5);
        float[][] first = allScores(new ItemKnn().fit(x, c, context(0)), x);
        float[][] again = allScores(new ItemKnn().fit(x, c, context(0)), x);
        float[][] serial = allScores(new ItemKnn().fit(x, c, context(1)), x);
        float[][] three = allScores(new ItemKnn().fit(x, c, context(3)), x);
        assertThat(again).isDeepEqualTo(first);
        assertThat(serial).isDeepEqualTo(first);
        assertThat(three).isDeepEqualTo(first);
    }

    @Test
    void validatesHyperParameters() {
        assertThatThrownBy(() -> new ItemKnn.Config(0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topK must be >= 1, got 0");
        assertThatThrownBy(() -> new ItemKnn.Config(10, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shrink must be a finite number >= 0, got -1.0");
        assertThatThrownBy(() -> new ItemKnn.Config(10, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shrink");
        ItemKnn algo = new ItemKnn();
        assertThat(algo.name()).isEqualTo("itemknn");
        assertThat(algo.defaults()).isEqualTo(new ItemKnn.Config(100, 10.0));
        assertThat(HyperParameters.bind(algo.defaults(), Map.of("topK", "50", "shrink", "0")))
                .isEqualTo(new ItemKnn.Config(50, 0));
        assertThatThrownBy(() -> HyperParameters.bind(algo.defaults(), Map.of("k", "5")))
                .hasMessageContaining("unknown hyper-parameter 'k'");
        var model = algo.fit(tiny(), algo.defaults(), context(0));
        assertThat(model.algorithm()).isEqualTo("itemknn");
        assertThat(model.hyperParameters()).containsEntry("topK", 100).containsEntry("shrink", 10.0);
    }

    @Test
    void beatsItemPopOnMl100k() throws IOException {
        KnnFixtures.Ml100k r = KnnFixtures.ml100k(new ItemKnn(), new ItemKnn().defaults());
        assertThat(r.test().users()).isEqualTo(943);
        // Observed with the defaults (seed 42): HR@10 0.1686, NDCG@10 0.0889; ItemPop: 0.1135 / 0.0591.
        assertThat(r.test().get("HR@10")).isGreaterThan(0.15).isGreaterThan(KnnFixtures.ITEMPOP_ML100K_HR10 + 0.03);
        assertThat(r.test().get("NDCG@10")).isGreaterThan(0.075);
    }
}
