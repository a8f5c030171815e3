package org.convncf.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The parameters of a {@link ConvNcfBlock} as plain arrays in PyTorch layout: layer {@code l}'s
 * kernel is (C_out, C_in, 2, 2) flattened row-major, its bias (C_out), the output weight (C).
 * This is what the model store holds and what faster scorers consume.
 */
public final class ConvNcfWeights {

    private final int embeddingSize;
    private final int channels;
    private final float[][] weights;
    private final float[][] biases;
    private final float[] output;

    public ConvNcfWeights(int embeddingSize, int channels, float[][] weights, float[][] biases, float[] output) {
        int layers = ConvNcfBlock.layersFor(embeddingSize);
        if (weights.length != layers || biases.length != layers) {
            throw new IllegalArgumentException("K=" + embeddingSize + " needs " + layers + " layers, got "
                    + weights.length + " weights and " + biases.length + " biases");
        }
        for (int l = 0; l < layers; l++) {
            int expected = channels * (l == 0 ? 1 : channels) * 4;
            if (weights[l].length != expected || biases[l].length != channels) {
                throw new IllegalArgumentException("layer " + (l + 1) + " has " + weights[l].length + " weights and "
                        + biases[l].length + " biases; expected " + expected + " and " + channels);
            }
        }
        if (output.length != channels) {
            throw new IllegalArgumentException("output weight has " + output.length + " values; expected " + channels);
        }
        this.embeddingSize = embeddingSize;
        this.channels = channels;
        this.weights = weights;
        this.biases = biases;
        this.output = output;
    }

    /**
     * Random weights: He-uniform kernels (suited to ReLU; fan-in 4·C_in), zero biases, a uniform output
     * layer with fan-in C. Deterministic for a seed.
     */
    public static ConvNcfWeights random(int embeddingSize, int channels, long seed) {
        int layers = ConvNcfBlock.layersFor(embeddingSize);
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] w = new float[layers][];
        float[][] b = new float[layers][];
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? 1 : channels;
            w[l] = uniform(rnd, channels * in * 4, Math.sqrt(6.0 / (4.0 * in)));
            b[l] = new float[channels];
        }
        return new ConvNcfWeights(embeddingSize, channels, w, b, uniform(rnd, channels, Math.sqrt(3.0 / channels)));
    }

    private static float[] uniform(SplittableRandom rnd, int n, double bound) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
        }
        return a;
    }

    public int embeddingSize() {
        return embeddingSize;
    }

    public int channels() {
        return channels;
    }

    public int layers() {
        return weights.length;
    }

    /** Layer {@code l}'s kernel, (C_out, C_in, 2, 2) row-major; not a copy. */
    public float[] weight(int layer) {
        return weights[layer];
    }

    /** Layer {@code l}'s bias; not a copy. */
    public float[] bias(int layer) {
        return biases[layer];
    }

    /** The output weight w (C); not a copy. */
    public float[] output() {
        return output;
    }

    /** Input channels of layer {@code l}: 1 for the interaction map, C after it. */
    public int inputChannels(int layer) {
        return layer == 0 ? 1 : channels;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvNcfWeights other && embeddingSize == other.embeddingSize && channels == other.channels
                && Arrays.deepEquals(weights, other.weights) && Arrays.deepEquals(biases, other.biases)
                && Arrays.equals(output, other.output);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(weights) + Arrays.hashCode(output);
    }
}
