package org.convncf.trainer.model.rp3b;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.convncf.trainer.model.knn.KnnFixtures.allScores;
import static org.convncf.trainer.model.knn.KnnFixtures.context;
import static org.convncf.trainer.model.knn.KnnFixtures.pairScores;
import static org.convncf.trainer.model.knn.KnnFixtures.tiny;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.model.HyperParameters;
import org.convncf.trainer.model.knn.ItemItemModel;
import org.convncf.trainer.model.knn.KnnFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Rp3BetaTest {

    private static final int A = 0, B = 1, C = 2, D = 3, E = 4;
    private static final double P3 = Math.pow(3, -0.6); // popularity penalty of a 3-user target
    private static final double P2 = Math.pow(2, -0.6); // ... of a 2-user target

    private static ItemItemModel fit(Interactions x, double alpha, double beta, int k, boolean normalize) {
        return (ItemItemModel) new Rp3Beta().fit(x, new Rp3Beta.Config(alpha, beta, k, normalize), context(0));
    }

    /**
     * The reference's W, densely: raw[i][j] = |U_i|^-α Σ_{u ∈ U_i ∩ U_j} |R_u|^-α · |U_j|^-β (i ≠ j);
     * top-k per row (value desc, id asc); optional L1 row normalisation; top-k per column.
     */
    private static float[][] denseReference(Interactions x, double alpha, double beta, int k, boolean normalize) {
        int n = x.numItems();
        int[] pop = x.itemCounts();
        double[][] acc = new double[n][n];
        for (int u = 0; u < x.numUsers(); u++) {
            double step = Math.pow(x.degree(u), -alpha);
            for (int i : x.sortedItemsOf(u)) {
                for (int j : x.sortedItemsOf(u)) {
                    acc[i][j] += step;
                }
            }
        }
        float[][] w = new float[n][n];
        for (int i = 0; i < n; i++) {
            float[] row = new float[n];
            for (int j = 0; j < n; j++) {
                row[j] = i == j || acc[i][j] == 0 ? 0f
                        : (float) (Math.pow(pop[i], -alpha) * acc[i][j] * Math.pow(pop[j], -beta));
            }
            int[] kept = topK(row, k);
            double sum = 0;
            for (int j : kept) {
                sum += row[j];
            }
            for (int j : kept) {
                w[i][j] = normalize ? (float) (row[j] / sum) : row[j];
            }
        }
        float[][] out = new float[n][n];
        for (int j = 0; j < n; j++) {
            float[] col = new float[n];
            for (int i = 0; i < n; i++) {
                col[i] = w[i][j];
            }
            for (int i : topK(col, k)) {
                out[i][j] = col[i];
            }
        }
        return out;
    }

    private static int[] topK(float[] values, int k) {
        List<Integer> order = new ArrayList<>();
        for (int t = 0; t < values.length; t++) {
            if (values[t] > 0) {
                order.add(t);
            }
        }
        order.sort((p, q) -> values[p] != values[q] ? Float.compare(values[q], values[p]) : Integer.compare(p, q));
        return order.subList(0, Math.min(k, order.size())).stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void weightsMatchHandComputedValuesAndDivideByTargetPopularity() {
        ItemItemModel m = fit(tiny(), 1.0, 0.6, 100, false);
        // W[A,B] = P_Au · P_uB summed over u0 (|R|=3) and u1 (|R|=2), with P_Au = 1/|U_A| = 1/3, / |U_B|^0.6.
        assertThat((double) m.weight(A, B)).isCloseTo((1 / 3.0) * (1 / 3.0 + 1 / 2.0) * P3, within(1e-7));
        // W[A,D]: only u3 (|R|=2); target D has 2 users.  W[D,A]: source D has 2 users, target A 3.
        assertThat((double) m.weight(A, D)).isCloseTo((1 / 3.0) * (1 / 2.0) * P2, within(1e-7));
        assertThat((double) m.weight(D, A)).isCloseTo((1 / 2.0) * (1 / 2.0) * P3, within(1e-7));
        assertThat(m.weight(A, A)).isZero();
        assertThat(m.weight(A, E)).isZero();

        // α = 2 squares both transition probabilities.
        ItemItemModel a2 = fit(tiny(), 2.0, 0.6, 100, false);
        assertThat((double) a2.weight(A, B)).isCloseTo((1 / 9.0) * (1 / 9.0 + 1 / 4.0) * P3, within(1e-7));

        // With normalisation each kept row sums to one: row A = {B, C, D}.
        ItemItemModel norm = fit(tiny(), 1.0, 0.6, 100, true);
        double b = (1 / 3.0 + 1 / 2.0) * P3;
        double c = (1 / 3.0) * P2;
        double d = (1 / 2.0) * P2;
        assertThat((double) norm.weight(A, B)).isCloseTo(b / (b + c + d), within(1e-7));
        assertThat((double) norm.weight(A, D)).isCloseTo(d / (b + c + d), within(1e-7));
    }

    @Test
    void topKCutsRowsThenColumns() {
        // Without normalisation (values in the comments):
        // row A: B .1437, C .0733, D .1100 -> B;  row B: A .1437, C .1466, D .0733 -> C;
        // row C: A .0862, B .1724, D .1100 -> B;  row D: A .1293, B .0862, C .1100 -> A.
        // Columns then: A <- {D}; B <- {A .1437, C .1724} -> C; C <- {B}; D, E <- nothing.
        ItemItemModel m = fit(tiny(), 1.0, 0.6, 1, false);
        assertThat(m.byTarget().idsOf(A)).containsExactly(D);
        assertThat(m.byTarget().idsOf(B)).containsExactly(C);
        assertThat(m.byTarget().idsOf(C)).containsExactly(B);
        assertThat(m.byTarget().idsOf(D)).isEmpty();
        assertThat(m.byTarget().idsOf(E)).isEmpty();
        assertThat(m.weight(A, B)).isZero(); // kept by row A, cut by column B
    }

    @Test
    void matchesADenseReferenceOnRandomData() {
        Interactions x = KnnFixtures.random(150, 50, 14, 9);
        for (boolean normalize : new boolean[] {false, true}) {
            for (int k : new int[] {3, 100}) {
                ItemItemModel m = fit(x, 0.8, 0.4, k, normalize);
                float[][] ref = denseReference(x, 0.8, 0.4, k, normalize);
                for (int j = 0; j < x.numItems(); j++) {
                    List<Integer> kept = new ArrayList<>();
                    for (int i = 0; i < x.numItems(); i++) {
                        if (ref[i][j] > 0) {
                            kept.add(i);
                        }
                        assertThat((double) m.weight(i, j)).as("W[%d,%d] k=%d normalize=%s", i, j, k, normalize)
                                .isCloseTo(ref[i][j], within(1e-6 * Math.max(1, ref[i][j])));
                    }
                    assertThat(m.byTarget().idsOf(j)).containsExactly(kept.stream().mapToInt(Integer::intValue).toArray());
                }
                // score(u, j) = Σ_{i ∈ R_u} W[i, j]
                float[][] all = allScores(m, x);
                for (int u = 0; u < x.numUsers(); u++) {
                    for (int j = 0; j < x.numItems(); j++) {
                        double s = 0;
                        for (int i : x.sortedItemsOf(u)) {
                            s += ref[i][j];
                        }
                        assertThat((double) all[u][j]).isCloseTo(s, within(1e-5));
                    }
                }
            }
        }
    }

    @Test
    void pairAndFullRankingScoresAreBitIdentical() {
        Interactions x = KnnFixtures.random(120, 60, 15, 3);
        ItemItemModel m = fit(x, 1.0, 0.6, 8, true);
        float[][] all = allScores(m, x);
        float[][][] pairs = pairScores(m, x);
        assertThat(pairs[0]).isDeepEqualTo(all);
        assertThat(pairs[1]).isDeepEqualTo(all);
    }

    @Test
    void fitsAreDeterministicWhateverTheThreads() {
        Interactions x = KnnFixtures.random(400, 150, 30, 11);
        Rp3Beta.Config c = new Rp3Beta.Config(1.0, 0.6, 10, true);
        float[][] first = allScores(new Rp3Beta().fit(x, c, context(0)), x);
        assertThat(allScores(new Rp3Beta().fit(x, c, context(0)), x)).isDeepEqualTo(first);
        assertThat(allScores(new Rp3Beta().fit(x, c, context(1)), x)).isDeepEqualTo(first);
        assertThat(allScores(new Rp3Beta().fit(x, c, context(3)), x)).isDeepEqualTo(first);
    }

    @Test
    void validatesHyperParameters() {
        assertThatThrownBy(() -> new Rp3Beta.Config(0, 0.6, 100, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alpha must be a finite number > 0, got 0.0");
        assertThatThrownBy(() -> new Rp3Beta.Config(1, -0.1, 100, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("beta must be a finite number >= 0, got -0.1");
        assertThatThrownBy(() -> new Rp3Beta.Config(1, 0.6, 0, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topK must be >= 1, got 0");
        Rp3Beta algo = new Rp3Beta();
        assertThat(algo.name()).isEqualTo("rp3b");
        assertThat(algo.defaults()).isEqualTo(new Rp3Beta.Config(1.0, 0.6, 100, true));
        assertThat(HyperParameters.bind(algo.defaults(), Map.of("beta", "0", "normalize", "false")))
                .isEqualTo(new Rp3Beta.Config(1.0, 0, 100, false));
        assertThatThrownBy(() -> HyperParameters.bind(algo.defaults(), Map.of("normalize", "maybe")))
                .hasMessageContaining("normalize");
        var model = algo.fit(tiny(), algo.defaults(), context(0));
        assertThat(model.algorithm()).isEqualTo("rp3b");
        assertThat(model.hyperParameters()).containsEntry("alpha", 1.0).containsEntry("beta", 0.6)
                .containsEntry("topK", 100).containsEntry("normalize", true);
    }

    @Test
    void beatsItemPopOnMl100k() throws IOException {
        KnnFixtures.Ml100k r = KnnFixtures.ml100k(new Rp3Beta(), new Rp3Beta().defaults());
        assertThat(r.test().users()).isEqualTo(943);
        // Observed with the defaults (seed 42): HR@10 0.1739, NDCG@10 0.0942; ItemPop: 0.1135 / 0.0591.
        assertThat(r.test().get("HR@10")).isGreaterThan(0.155).isGreaterThan(KnnFixtures.ITEMPOP_ML100K_HR10 + 0.03);
        assertThat(r.test().get("NDCG@10")).isGreaterThan(0.08);
    }
}
