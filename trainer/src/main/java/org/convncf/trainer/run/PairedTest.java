package org.convncf.trainer.run;

/**
 * A two-sided paired t-test on per-user metric values of two models evaluated on the same users
 * (same order). With the hundreds to tens of thousands of users of a test split the t distribution
 * is the normal one to three decimals, so the p-value uses the normal approximation; below
 * {@link #MIN_USERS} users no test is made.
 *
 * @param users    paired users
 * @param meanDiff mean of a − b
 * @param low      lower end of the 95 % confidence interval of the mean difference
 * @param high     upper end
 * @param p        two-sided p-value of "no difference"
 */
public record PairedTest(int users, double meanDiff, double low, double high, double p) {

    static final int MIN_USERS = 100;

    /** The test, or null when there are too few users or the arrays do not pair up. */
    public static PairedTest of(double[] a, double[] b) {
        if (a == null || b == null || a.length != b.length || a.length < MIN_USERS) {
            return null;
        }
        int n = a.length;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += a[i] - b[i];
        }
        mean /= n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = a[i] - b[i] - mean;
            ss += d * d;
        }
        double se = Math.sqrt(ss / (n - 1) / n);
        double p = se == 0 ? (mean == 0 ? 1.0 : 0.0) : erfc(Math.abs(mean / se) / Math.sqrt(2));
        return new PairedTest(n, mean, mean - 1.959964 * se, mean + 1.959964 * se, p);
    }

    /** Complementary error function, fractional error below 1.2e-7 (Chebyshev fit, Numerical Recipes). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
