package org.convncf.trainer.model.ease;

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
import org.convncf.trainer.data.InteractionsBuilder;
import org.convncf.trainer.model.HyperParameters;
import org.convncf.trainer.model.knn.KnnFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EaseTest {

    private static Ease.EaseModel fit(Interactions x, double lambda) {
        return (Ease.EaseModel) new Ease().fit(x, new Ease.Config(lambda), context(0));
    }

    /** Gauss-Jordan inverse with partial pivoting, in double precision. */
    private static double[][] inverse(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            double p = a[col][col];
            for (int c = 0; c < 2 * n; c++) {
                a[col][c] /= p;
            }
            for (int r = 0; r < n; r++) {
                if (r != col && a[r][col] != 0) {
                    double f = a[r][col];
                    for (int c = 0; c < 2 * n; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inv[i], 0, n);
        }
        return inv;
    }

    /** B = I − P · diagMat(1 ⊘ diag(P)) with P = (XᵀX + λI)⁻¹, in double. */
    private static double[][] closedForm(Interactions x, double lambda) {
        int n = x.numItems();
        double[][] g = new double[n][n];
        for (int u = 0; u < x.numUsers(); u++) {
            for (int i : x.sortedItemsOf(u)) {
                for (int j : x.sortedItemsOf(u)) {
                    g[i][j] += 1;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            g[i][i] += lambda;
        }
        double[][] p = inverse(g);
        double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i][j] = (i == j ? 1 : 0) - p[i][j] / p[j][j];
            }
        }
        return b;
    }

    @Test
    void weightsEqualTheClosedFormWithAZeroDiagonal() {
        Interactions x = tiny();
        for (double lambda : new double[] {0.5, 500}) {
            Ease.EaseModel m = fit(x, lambda);
            double[][] b = closedForm(x, lambda);
            double scale = 0;
            for (double[] row : b) {
                for (double v : row) {
                    scale = Math.max(scale, Math.abs(v));
                }
            }
            for (int i = 0; i < x.numItems(); i++) {
                assertThat(m.weight(i, i)).isZero();
                assertThat(b[i][i]).isCloseTo(0, within(1e-12));
                for (int j = 0; j < x.numItems(); j++) {
                    assertThat((double) m.weight(i, j)).as("B[%d,%d] at lambda %s", i, j, lambda)
                            .isCloseTo(b[i][j], within(1e-5 * scale));
                }
            }
            // G is block-diagonal ({A..D} and {E}), so E gets no weight from or to the others.
            assertThat(m.weight(0, 4)).isZero();
            assertThat(m.weight(4, 0)).isZero();
        }
    }

    @Test
    void matchesTheClosedFormOnRandomDataAndScoresXTimesB() {
        Interactions x = KnnFixtures.random(200, 70, 20, 13);
        Ease.EaseModel m = fit(x, 20);
        double[][] b = closedForm(x, 20);
        float[][] all = allScores(m, x);
        for (int u = 0; u < x.numUsers(); u++) {
            for (int j = 0; j < x.numItems(); j++) {
                double s = 0;
                for (int i : x.sortedItemsOf(u)) {
                    s += b[i][j];
                }
                assertThat((double) all[u][j]).isCloseTo(s, within(1e-4));
            }
        }
        float[][][] pairs = pairScores(m, x);
        assertThat(pairs[0]).isDeepEqualTo(all);
        assertThat(pairs[1]).isDeepEqualTo(all);
    }

    @Test
    void fitsAreDeterministic() {
        Interactions x = KnnFixtures.random(300, 120, 25, 17);
        Ease.Config c = new Ease.Config(50);
        float[][] first = allScores(new Ease().fit(x, c, context(0)), x);
        assertThat(allScores(new Ease().fit(x, c, context(0)), x)).isDeepEqualTo(first);
        assertThat(allScores(new Ease().fit(x, c, context(1)), x)).isDeepEqualTo(first);
    }

    @Test
    void refusesCataloguesWhoseDenseMatrixDoesNotFit() {
        // A 400-byte heap allows 240 bytes; five items need 3 · 5² · 4 = 300.
        assertThatThrownBy(() -> new Ease(400).fit(tiny(), new Ease.Config(500), context(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 items need about")
                .hasMessageContaining("more than 60% of the maximum heap");
        assertThat(Ease.requiredBytes(5)).isEqualTo(300);
        // gowalla-lightgcn: 40,981 items need 3 · 40,981² · 4 bytes ≈ 18.8 GiB; refused under a 6 GiB heap.
        assertThatThrownBy(() -> new Ease(6L << 30).checkMemory(40_981))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ease needs a dense item x item matrix: 40,981 items need about 18.8 GiB (3 x n^2 floats),"
                        + " more than 60% of the maximum heap (3.6 GiB of 6.0 GiB). Raise -Xmx or use itemknn or rp3b.");
        new Ease(40L << 30).checkMemory(40_981); // fits a 40 GiB heap
        // Beyond one Java array, whatever the heap.
        InteractionsBuilder b = new InteractionsBuilder();
        for (int i = 0; i <= Ease.MAX_ITEMS; i++) {
            b.add("u", "i" + i);
        }
        Interactions wide = b.build();
        assertThatThrownBy(() -> new Ease(Long.MAX_VALUE).fit(wide, new Ease.Config(500), context(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ease needs a dense item x item matrix; 46,341 items exceed its limit of 46,340 items");
    }

    @Test
    void validatesHyperParameters() {
        assertThatThrownBy(() -> new Ease.Config(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lambda must be a finite number > 0, got 0.0");
        assertThatThrownBy(() -> new Ease.Config(-5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lambda must be a finite number > 0, got -5.0");
        Ease algo = new Ease();
        assertThat(algo.name()).isEqualTo("ease");
        assertThat(algo.defaults()).isEqualTo(new Ease.Config(500));
        assertThat(HyperParameters.bind(algo.defaults(), Map.of("lambda", "250"))).isEqualTo(new Ease.Config(250));
        assertThatThrownBy(() -> HyperParameters.bind(algo.defaults(), Map.of("lambda", "NaN")))
                .hasMessageContaining("lambda");
        var model = algo.fit(tiny(), algo.defaults(), context(0));
        assertThat(model.algorithm()).isEqualTo("ease");
        assertThat(model.hyperParameters()).containsEntry("lambda", 500.0);
    }

    @Test
    void beatsItemPopOnMl100k() throws IOException {
        KnnFixtures.Ml100k r = KnnFixtures.ml100k(new Ease(), new Ease().defaults());
        assertThat(r.test().users()).isEqualTo(943);
        // Observed with the defaults (seed 42): HR@10 0.1941, NDCG@10 0.0999; ItemPop: 0.1135 / 0.0591.
        assertThat(r.test().get("HR@10")).isGreaterThan(0.175).isGreaterThan(KnnFixtures.ITEMPOP_ML100K_HR10 + 0.03);
        assertThat(r.test().get("NDCG@10")).isGreaterThan(0.085);
    }
}
