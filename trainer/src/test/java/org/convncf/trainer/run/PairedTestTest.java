package org.convncf.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PairedTestTest {

    @Test
    void erfcMatchesReferenceValues() {
        assertThat(PairedTest.erfc(0)).isEqualTo(1.0, within(1e-7));
        assertThat(PairedTest.erfc(1)).isEqualTo(0.157299207, within(1e-7));
        assertThat(PairedTest.erfc(-1)).isEqualTo(1.842700793, within(1e-7));
        assertThat(PairedTest.erfc(3)).isEqualTo(2.209049700e-5, within(1e-10));
    }

    @Test
    void aOneStandardErrorDifferenceHasPAboutPoint317() {
        int n = 100;
        double s = Math.sqrt((n - 1.0) / n); // sample standard deviation of the differences = 1
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 0.5 + 0.1 + (i % 2 == 0 ? s : -s);
            b[i] = 0.5;
        }
        PairedTest t = PairedTest.of(a, b);
        assertThat(t.meanDiff()).isEqualTo(0.1, within(1e-12));
        assertThat(t.p()).isEqualTo(0.3173, within(1e-4)); // z = 0.1 / (1 / sqrt(100)) = 1
        assertThat(t.low()).isEqualTo(0.1 - 0.196, within(1e-4));
        assertThat(t.high()).isEqualTo(0.1 + 0.196, within(1e-4));
        assertThat(PairedTest.of(b, a).meanDiff()).isEqualTo(-0.1, within(1e-12));
    }

    @Test
    void identicalModelsHavePOneAndTooFewUsersNoTest() {
        double[] a = new double[200];
        for (int i = 0; i < a.length; i++) {
            a[i] = i % 3;
        }
        assertThat(PairedTest.of(a, a.clone()).p()).isEqualTo(1.0);
        assertThat(PairedTest.of(new double[99], new double[99])).isNull();
        assertThat(PairedTest.of(new double[200], new double[201])).isNull();
    }
}
