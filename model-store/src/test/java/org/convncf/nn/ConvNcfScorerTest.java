package org.convncf.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every scorer computes the reference block's function within 1e-4 relative. */
class ConvNcfScorerTest {

    @ParameterizedTest(name = "{0}: K={1}, C={2}, threads={3}")
    @CsvSource({
        "vector, 2, 16, 1",
        "vector, 8, 16, 1",
        "vector, 64, 32, 1",
        "vector, 64, 32, 2",
        "vector, 32, 64, 2",
        "djl, 64, 32, 1"})
    void matchesTheDirectFormula(String mode, int k, int c, int threads) {
        ConvNcfWeights weights = ConvNcfWeights.random(k, c, 5);
        SplittableRandom rnd = new SplittableRandom(17);
        for (int l = 0; l < weights.layers(); l++) {
            for (int j = 0; j < c; j++) {
                weights.bias(l)[j] = (float) rnd.nextGaussian() * 0.05f;
            }
        }
        int n = 203; // odd, and more than one split per thread
        float[] user = ConvNcfBlockTest.gaussian(rnd, k);
        float[] items = ConvNcfBlockTest.gaussian(rnd, n * k);
        float[] out = new float[n];
        try (ConvNcfScorer scorer = ConvNcfScorers.create(weights, ConvNcfScorers.Mode.parse(mode), Device.cpu(), threads)) {
            assertThat(scorer.name()).isEqualTo(mode);
            scorer.score(user, items, n, out);
        }
        for (int p = 0; p < n; p++) {
            float[] v = java.util.Arrays.copyOfRange(items, p * k, (p + 1) * k);
            double expected = ConvNcfBlockTest.direct(weights, user, v);
            assertThat((double) out[p]).as("pair %d", p)
                    .isCloseTo(expected, within(1e-4 * Math.max(1, Math.abs(expected))));
        }
    }
}
