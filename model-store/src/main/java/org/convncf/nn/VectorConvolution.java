package org.convncf.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * ConvNCF's 2×2 / stride-2 convolution layer with bias and ReLU on channels-last maps, with the
 * Vector API: the forward kernel shared by the fused scorer and the trainer's fused step. With
 * kernel = stride = 2 and no padding each output position is a 4·C-long dot product per output
 * channel; four output positions are computed together, so every kernel vector loaded feeds four
 * multiply-adds. Also layer 1, computed from the user side, and the kernel layouts. Load this class
 * only where {@code jdk.incubator.vector} is enabled.
 */
public final class VectorConvolution {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorConvolution() {
    }

    /**
     * The width in bits of the vectors this JVM uses here: the float rounding of the kernel's sums
     * depends on it, so results record it.
     */
    public static int vectorBits() {
        return SPECIES.vectorBitSize();
    }

    /** Whether {@code channels} is a multiple of this CPU's vector width, as the kernel needs. */
    public static boolean supports(int channels) {
        return channels % LANES == 0;
    }

    /**
     * One layer: {@code in} is size×size×C, {@code out} (size/2)×(size/2)×C, {@code kernel} is
     * [q][c_in][c_out] with q = dy·2 + dx, {@code bias} is [C].
     */
    public static void forward(float[] in, int size, int c, float[] kernel, float[] bias, float[] out) {
        int half = size / 2;
        int positions = half * half;
        FloatVector zero = FloatVector.zero(SPECIES);
        int p = 0;
        for (; p + 3 < positions; p += 4) {
            int i0 = corner(p, half, size, c);
            int i1 = corner(p + 1, half, size, c);
            int i2 = corner(p + 2, half, size, c);
            int i3 = corner(p + 3, half, size, c);
            for (int ch = 0; ch < c; ch += LANES) {
                FloatVector acc0 = FloatVector.fromArray(SPECIES, bias, ch);
                FloatVector acc1 = acc0;
                FloatVector acc2 = acc0;
                FloatVector acc3 = acc0;
                for (int q = 0; q < 4; q++) {
                    int o = offset(q, size, c);
                    int kBase = q * c * c + ch;
                    for (int ci = 0; ci < c; ci++) {
                        FloatVector kv = FloatVector.fromArray(SPECIES, kernel, kBase + ci * c);
                        acc0 = kv.fma(FloatVector.broadcast(SPECIES, in[i0 + o + ci]), acc0);
                        acc1 = kv.fma(FloatVector.broadcast(SPECIES, in[i1 + o + ci]), acc1);
                        acc2 = kv.fma(FloatVector.broadcast(SPECIES, in[i2 + o + ci]), acc2);
                        acc3 = kv.fma(FloatVector.broadcast(SPECIES, in[i3 + o + ci]), acc3);
                    }
                }
                acc0.max(zero).intoArray(out, p * c + ch);
                acc1.max(zero).intoArray(out, (p + 1) * c + ch);
                acc2.max(zero).intoArray(out, (p + 2) * c + ch);
                acc3.max(zero).intoArray(out, (p + 3) * c + ch);
            }
        }
        for (; p < positions; p++) {
            int i0 = corner(p, half, size, c);
            for (int ch = 0; ch < c; ch += LANES) {
                FloatVector acc = FloatVector.fromArray(SPECIES, bias, ch);
                for (int q = 0; q < 4; q++) {
                    int o = offset(q, size, c);
                    int kBase = q * c * c + ch;
                    for (int ci = 0; ci < c; ci++) {
                        acc = FloatVector.fromArray(SPECIES, kernel, kBase + ci * c)
                                .fma(FloatVector.broadcast(SPECIES, in[i0 + o + ci]), acc);
                    }
                }
                acc.max(zero).intoArray(out, p * c + ch);
            }
        }
    }

    /**
     * A layer's kernel re-laid out from PyTorch's (C_out, C_in, 2, 2) to [q][c_in][c_out], q = dy·2 + dx
     * (layer 1, with C_in = 1: [q][c]).
     */
    public static float[] kernelLayout(float[] pytorch, int in, int c) {
        float[] dst = new float[pytorch.length];
        for (int co = 0; co < c; co++) {
            for (int ci = 0; ci < in; ci++) {
                for (int q = 0; q < 4; q++) {
                    dst[(q * in + ci) * c + co] = pytorch[(co * in + ci) * 4 + q];
                }
            }
        }
        return dst;
    }

    /** The inverse of {@link #kernelLayout}: [q][c_in][c_out] back to PyTorch's (C_out, C_in, 2, 2). */
    public static float[] pytorchLayout(float[] kernel, int in, int c) {
        float[] dst = new float[kernel.length];
        for (int co = 0; co < c; co++) {
            for (int ci = 0; ci < in; ci++) {
                for (int q = 0; q < 4; q++) {
                    dst[(co * in + ci) * 4 + q] = kernel[(q * in + ci) * c + co];
                }
            }
        }
        return dst;
    }

    /**
     * Layer 1 from the user side: A[y][dx][c] = Σ_dy W1[dy][dx][c] · u[2y+dy] for the K-long user
     * vector at {@code u[from..]}, into {@code a} (K·C floats); {@code kernel1} is [q][c].
     */
    public static void userSide(float[] kernel1, float[] u, int from, int k, int c, float[] a) {
        int h = k / 2;
        for (int y = 0; y < h; y++) {
            float u0 = u[from + 2 * y];
            float u1 = u[from + 2 * y + 1];
            for (int dx = 0; dx < 2; dx++) {
                int dst = (y * 2 + dx) * c;
                int top = dx * c;          // dy = 0
                int bottom = (2 + dx) * c; // dy = 1
                for (int ch = 0; ch < c; ch++) {
                    a[dst + ch] = kernel1[top + ch] * u0 + kernel1[bottom + ch] * u1;
                }
            }
        }
    }

    /**
     * Layer 1 with bias and ReLU for the item vector at {@code items[from..]}: (y, x, c) = b_c +
     * Σ_dx A[y][dx][c] · v[2x+dx], into {@code out} ((K/2)×(K/2)×C, channels-last); the K×K map is
     * never built.
     */
    public static void layer1(float[] a, float[] bias, float[] items, int from, int k, int c, float[] out) {
        int h = k / 2;
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int y = 0; y < h; y++) {
            int a0 = (y * 2) * c;
            int a1 = (y * 2 + 1) * c;
            for (int x = 0; x < h; x++) {
                FloatVector v0 = FloatVector.broadcast(SPECIES, items[from + 2 * x]);
                float v1 = items[from + 2 * x + 1];
                int base = (y * h + x) * c;
                for (int ch = 0; ch < c; ch += LANES) {
                    FloatVector pre = FloatVector.fromArray(SPECIES, a, a0 + ch)
                            .fma(v0, FloatVector.fromArray(SPECIES, bias, ch))
                            .add(FloatVector.fromArray(SPECIES, a, a1 + ch).mul(v1));
                    pre.max(zero).intoArray(out, base + ch);
                }
            }
        }
    }

    /** Where output position {@code p} of a half×half map reads its 2×2 patch: the dy = dx = 0 corner. */
    public static int corner(int p, int half, int size, int c) {
        int y = p / half;
        int x = p - y * half;
        return (2 * y * size + 2 * x) * c;
    }

    /** The offset of the patch's element q = dy·2 + dx from its corner in a size×size×C map. */
    public static int offset(int q, int size, int c) {
        return ((q >> 1) * size + (q & 1)) * c;
    }
}
