package org.convncf.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * ConvNCF's 2×2 / stride-2 convolution layer with bias and ReLU on channels-last maps, with the
 * Vector API: the forward kernel shared by the fused scorer and the trainer's fused step. With
 * kernel = stride = 2 and no padding each output position is a 4·C-long dot product per output
 * channel; four output positions are computed together, so every kernel vector loaded feeds four
 * multiply-adds. Load this class only where {@code jdk.incubator.vector} is enabled.
 */
public final class VectorConvolution {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorConvolution() {
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
