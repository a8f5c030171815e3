package org.convncf.trainer.model.bpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussiansTest {

    @Test
    void drawsAStandardNormal() {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 1_000_000;
        double sum = 0;
        double squares = 0;
        int beyond3 = 0;
        int below1 = 0;
        for (int i = 0; i < n; i++) {
            double z = Gaussians.next(rnd);
            sum += z;
            squares += z * z;
            beyond3 += Math.abs(z) > 3 ? 1 : 0;
            below1 += z < -1 ? 1 : 0;
        }
        double mean = sum / n;
        assertThat(mean).isCloseTo(0, within(0.005)); // 5 standard errors
        assertThat(squares / n - mean * mean).isCloseTo(1, within(0.007));
        assertThat(beyond3 / (double) n).isCloseTo(0.0027, within(0.0003)); // 2·Φ(−3)
        assertThat(below1 / (double) n).isCloseTo(0.1587, within(0.002)); // Φ(−1)
    }

    @Test
    void everyJvmDrawsTheSameValues() {
        // Computed on OpenJDK 17.0.15 and Temurin 25.0.3 (compiled and -Xint). Three million draws
        // go past the 2,088,998th, where SplittableRandom.nextGaussian() of those two JVMs part ways.
        SplittableRandom rnd = new SplittableRandom(42);
        long hash = 17;
        for (int i = 0; i < 3_000_000; i++) {
            hash = hash * 31 + Double.doubleToLongBits(Gaussians.next(rnd));
        }
        assertThat(Long.toHexString(hash)).isEqualTo("26f1bffa79a74e19");
    }

    @Test
    void floatsAreScaledDraws() {
        float[] a = Gaussians.floats(new SplittableRandom(3), 5, 0.01);
        SplittableRandom same = new SplittableRandom(3);
        for (float v : a) {
            assertThat(v).isEqualTo((float) (Gaussians.next(same) * 0.01));
        }
    }
}
