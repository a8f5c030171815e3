package org.convncf.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The DJL block against an independent, direct evaluation of the paper's formula in plain Java. */
class ConvNcfBlockTest {

    @ParameterizedTest(name = "K={0}, C={1}")
    @CsvSource({"2, 3", "8, 4", "64, 32"})
    void matchesDirectConvolutionOnRandomWeights(int k, int c) {
        ConvNcfWeights weights = ConvNcfWeights.random(k, c, 7);
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 5;
        float[] users = gaussian(rnd, n * k);
        float[] items = gaussian(rnd, n * k);
        // Random biases too, so that a bias mix-up cannot hide behind zeros.
        for (int l = 0; l < weights.layers(); l++) {
            float[] b = weights.bias(l);
            for (int j = 0; j < b.length; j++) {
                b[j] = (float) rnd.nextGaussian() * 0.1f;
            }
        }
        float[] djl;
        try (NDManager manager = NDManager.newBaseManager()) {
            ConvNcfBlock block = new ConvNcfBlock(k, c);
            block.initialize(manager, weights);
            NDList out = block.forward(new ParameterStore(manager, false),
                    new NDList(manager.create(users).reshape(n, k), manager.create(items).reshape(n, k)), false);
            djl = out.singletonOrThrow().toFloatArray();
            assertThat(block.weights()).isEqualTo(weights);
        }
        for (int p = 0; p < n; p++) {
            float[] u = java.util.Arrays.copyOfRange(users, p * k, (p + 1) * k);
            float[] v = java.util.Arrays.copyOfRange(items, p * k, (p + 1) * k);
            double expected = direct(weights, u, v);
            assertThat((double) djl[p]).isCloseTo(expected, within(1e-4 * Math.max(1, Math.abs(expected))));
        }
    }

    @Test
    void countsMultiplyAddsLikeThePaper() {
        // Paper: about 1.53 M multiply-adds per pair at K = 64, C = 32.
        long macs = new ConvNcfBlock(64, 32).multiplyAddsPerPair();
        assertThat(macs).isBetween(1_500_000L, 1_560_000L);
    }

    @Test
    void rejectsSizesThatAreNotPowersOfTwo() {
        assertThatThrownBy(() -> new ConvNcfBlock(48, 32)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> new ConvNcfBlock(64, 0)).hasMessageContaining("channels");
    }

    /**
     * E = u ⊗ v; for each layer, out[c][y][x] = relu(b[c] + Σ_{c', dy, dx} W[c][c'][dy][dx] ·
     * in[c'][2y+dy][2x+dx]); score = Σ_c w[c] · g[c]. Written independently of the block.
     */
    static double direct(ConvNcfWeights w, float[] u, float[] v) {
        int k = u.length;
        double[][][] map = new double[1][k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                map[0][i][j] = (double) u[i] * v[j];
            }
        }
        int c = w.channels();
        for (int l = 0; l < w.layers(); l++) {
            int cin = map.length;
            int size = map[0].length / 2;
            double[][][] next = new double[c][size][size];
            float[] kernel = w.weight(l);
            for (int co = 0; co < c; co++) {
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        double s = w.bias(l)[co];
                        for (int ci = 0; ci < cin; ci++) {
                            for (int dy = 0; dy < 2; dy++) {
                                for (int dx = 0; dx < 2; dx++) {
                                    s += kernel[((co * cin + ci) * 2 + dy) * 2 + dx] * map[ci][2 * y + dy][2 * x + dx];
                                }
                            }
                        }
                        next[co][y][x] = Math.max(0, s);
                    }
                }
            }
            map = next;
        }
        double score = 0;
        for (int co = 0; co < c; co++) {
            score += w.output()[co] * map[co][0][0];
        }
        return score;
    }

    static float[] gaussian(SplittableRandom rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        return a;
    }
}
