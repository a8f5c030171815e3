package org.convncf.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The ConvNCF interaction network (Du et al., TOIS 2019, section 3): the outer product of a user
 * and an item embedding (a K×K interaction map, one channel) → log2(K) convolution layers with 2×2
 * kernels, stride 2, no padding, C channels, bias and ReLU → a linear map of the final 1×1×C
 * feature vector to a score (no bias: BPR only compares scores).
 *
 * <p>Input: {@code NDList(user (N, K), item (N, K))}; output: {@code NDList(scores (N))}. Parameter
 * layouts are PyTorch's ({@code conv<l>_weight} is (C_out, C_in, 2, 2), {@code output_weight} is
 * (1, C)), so an exported model loads into {@code torch.nn.Conv2d} unchanged. This block is the
 * reference implementation: training uses it, and every faster scorer is tested against it.
 */
public final class ConvNcfBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int embeddingSize;
    private final int channels;
    private final int layers;
    private final Parameter[] weights;
    private final Parameter[] biases;
    private final Parameter output;

    /**
     * @param embeddingSize K, a power of two ≥ 2
     * @param channels      C, the channels of every convolution layer
     */
    public ConvNcfBlock(int embeddingSize, int channels) {
        super(VERSION);
        this.layers = layersFor(embeddingSize);
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        this.embeddingSize = embeddingSize;
        this.channels = channels;
        this.weights = new Parameter[layers];
        this.biases = new Parameter[layers];
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? 1 : channels;
            weights[l] = addParameter(Parameter.builder().setName(weightName(l)).setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(channels, in, 2, 2)).build());
            biases[l] = addParameter(Parameter.builder().setName(biasName(l)).setType(Parameter.Type.BIAS)
                    .optShape(new Shape(channels)).build());
        }
        output = addParameter(Parameter.builder().setName("output_weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, channels)).build());
    }

    /** log2(K): the number of convolution layers that take a K×K map down to 1×1. */
    public static int layersFor(int embeddingSize) {
        if (embeddingSize < 2 || Integer.bitCount(embeddingSize) != 1) {
            throw new IllegalArgumentException("embedding size must be a power of two >= 2, got " + embeddingSize);
        }
        return Integer.numberOfTrailingZeros(embeddingSize);
    }

    static String weightName(int layer) {
        return "conv" + (layer + 1) + "_weight";
    }

    static String biasName(int layer) {
        return "conv" + (layer + 1) + "_bias";
    }

    public int embeddingSize() {
        return embeddingSize;
    }

    public int channels() {
        return channels;
    }

    public int layers() {
        return layers;
    }

    /** Multiply-adds per scored pair (outer product + convolutions + output). */
    public long multiplyAddsPerPair() {
        long total = (long) embeddingSize * embeddingSize;
        int size = embeddingSize;
        for (int l = 0; l < layers; l++) {
            size /= 2;
            total += (long) size * size * channels * 4L * (l == 0 ? 1 : channels);
        }
        return total + channels;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray user = inputs.get(0);
        NDArray item = inputs.get(1);
        long n = user.getShape().get(0);
        NDArray x = user.reshape(n, 1, embeddingSize, 1).mul(item.reshape(n, 1, 1, embeddingSize));
        Shape stride = new Shape(2, 2);
        Shape padding = new Shape(0, 0);
        Shape dilation = new Shape(1, 1);
        for (int l = 0; l < layers; l++) {
            NDArray w = store.getValue(weights[l], x.getDevice(), training);
            NDArray b = store.getValue(biases[l], x.getDevice(), training);
            x = Activation.relu(Conv2d.conv2d(x, w, b, stride, padding, dilation, 1).singletonOrThrow());
        }
        NDArray w = store.getValue(output, x.getDevice(), training);
        return new NDList(x.reshape(n, channels).matMul(w.transpose()).reshape(n));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0))};
    }

    /** Allocates the parameters and fills them with {@code weights}. */
    public void initialize(NDManager manager, ConvNcfWeights values) {
        if (values.embeddingSize() != embeddingSize || values.channels() != channels) {
            throw new IllegalArgumentException("weights are for K=" + values.embeddingSize() + ", C=" + values.channels()
                    + "; this block has K=" + embeddingSize + ", C=" + channels);
        }
        Shape in = new Shape(1, embeddingSize);
        if (!isInitialized()) {
            setInitializer(ai.djl.training.initializer.Initializer.ZEROS, Parameter.Type.WEIGHT);
            setInitializer(ai.djl.training.initializer.Initializer.ZEROS, Parameter.Type.BIAS);
            initialize(manager, DataType.FLOAT32, in, in);
        }
        for (int l = 0; l < layers; l++) {
            weights[l].getArray().set(values.weight(l));
            biases[l].getArray().set(values.bias(l));
        }
        output.getArray().set(values.output());
    }

    /** The current parameter values as plain arrays. */
    public ConvNcfWeights weights() {
        float[][] w = new float[layers][];
        float[][] b = new float[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = weights[l].getArray().toFloatArray();
            b[l] = biases[l].getArray().toFloatArray();
        }
        return new ConvNcfWeights(embeddingSize, channels, w, b, output.getArray().toFloatArray());
    }

    /** The output layer's parameter (the paper's w, regularised with its own λ4). */
    public Parameter outputParameter() {
        return output;
    }
}
