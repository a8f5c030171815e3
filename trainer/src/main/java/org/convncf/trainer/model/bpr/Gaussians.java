package org.convncf.trainer.model.bpr;

import java.util.SplittableRandom;

/**
 * Normal draws that are the same on every JVM, for initialising embeddings and weights.
 *
 * <p>{@link SplittableRandom#nextGaussian()} is not. With seed 42, OpenJDK 17.0.15 and Temurin 25.0.3
 * agree on the first 2,088,998 draws; there Java 25 returns a value that Java 17 rejects (the JDK's
 * ziggurat accepts or rejects candidates by tests in floating point that the two JDKs evidently
 * round differently), and every later draw is shifted by one ({@code scripts/jvm-gaussians.sh} shows
 * it for any two JVMs). An embedding table draws (users + items) × factors values — 4.5 million on
 * Gowalla — so a model's initialisation, and every digit after it, depended on the JVM.
 *
 * <p>This is Marsaglia's polar method on {@link SplittableRandom#nextDouble()}, which every JVM
 * computes alike, with {@link StrictMath#log} and {@link StrictMath#sqrt}, which the Java
 * specification fixes to the bit (fdlibm, and IEEE 754 for the square root).
 */
public final class Gaussians {

    private Gaussians() {
    }

    /** One draw from N(0, 1); consumes two uniform draws of {@code rnd} per attempt (π/4 of them succeed). */
    public static double next(SplittableRandom rnd) {
        double u;
        double s;
        do {
            u = 2 * rnd.nextDouble() - 1;
            double v = 2 * rnd.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    }

    /** {@code n} draws from N(0, std²), rounded to float. */
    public static float[] floats(SplittableRandom rnd, int n, double std) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (next(rnd) * std);
        }
        return a;
    }
}
