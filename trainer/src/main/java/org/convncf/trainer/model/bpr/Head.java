package org.convncf.trainer.model.bpr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The interaction function of an embedding model: a DJL block mapping {@code NDList(f(u) (N, D),
 * q_i (N, D))} to {@code NDList(scores (N))}, with parameters named as in the model store.
 *
 * <p>Parameter roles follow the names: {@code output_weight} is the paper's w (λ4), other
 * {@code *_weight}s are the network's weights (λ3), {@code *_bias}es are not regularised.
 */
public interface Head {

    /** A short type name for manifests, e.g. {@code dot}, {@code convncf}, {@code mlp}. */
    String type();

    /** The block (parameters are direct, not nested, so their names are the tensor names). */
    Block block();

    /** Whether the head is a plain dot product f(u)·q_i, which scorers compute without the engine. */
    default boolean isDot() {
        return false;
    }

    /**
     * Triplets per forward/backward pass this head trains fastest with on a CPU, 0 for the whole
     * batch. Heads that build the K×K interaction map of every pair answer
     * {@link #INTERACTION_MAP_MICRO_BATCH}; the others gain nothing from small passes and pay the
     * engine's per-call overhead on each (docs/PERFORMANCE.md, "Micro-batches per model").
     */
    default int cpuMicroBatch() {
        return 0;
    }

    /**
     * The micro-batch of heads with a K×K map per pair: their temporaries stay cache-sized, and
     * ConvNCF trained about 3× faster in passes of 32 than of 512 (docs/PERFORMANCE.md).
     */
    int INTERACTION_MAP_MICRO_BATCH = 32;

    /** Architecture facts for the manifest. */
    Map<String, Object> architecture();

    /** Allocates the parameters and fills them deterministically from {@code rnd}. */
    void initialize(NDManager manager, int dim, SplittableRandom rnd);

    /** Current parameter values by name. */
    default Map<String, float[]> weights() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (var pair : block().getParameters()) {
            out.put(pair.getKey(), pair.getValue().getArray().toFloatArray());
        }
        return out;
    }

    /** Allocates the parameters (if needed) and loads {@code values} by name. */
    default void load(NDManager manager, int dim, Map<String, float[]> values) {
        if (!block().isInitialized()) {
            allocate(manager, dim);
        }
        for (var pair : block().getParameters()) {
            float[] v = values.get(pair.getKey());
            if (v == null) {
                throw new IllegalArgumentException(type() + " head: no values for parameter " + pair.getKey());
            }
            pair.getValue().getArray().set(v);
        }
    }

    /** Allocates zero-filled parameters for inputs of width {@code dim}. */
    default void allocate(NDManager manager, int dim) {
        block().setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
        block().setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        block().initialize(manager, DataType.FLOAT32, new Shape(1, dim), new Shape(1, dim));
    }

    /** He-uniform weights (fan-in = all dimensions but the first, PyTorch layout), zero biases. */
    static void heUniform(Block block, SplittableRandom rnd) {
        for (var pair : block.getParameters()) {
            NDArray a = pair.getValue().getArray();
            Shape shape = a.getShape();
            float[] values = new float[(int) shape.size()];
            if (!pair.getKey().endsWith("_bias")) {
                long fanIn = Math.max(1, shape.size() / shape.get(0));
                double bound = Math.sqrt(6.0 / fanIn);
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
                }
            }
            a.set(values);
        }
    }

    /** Whether a parameter is the output layer (λ4). */
    static boolean isOutput(String name) {
        return name.equals("output_weight");
    }

    /** Whether a parameter is regularised at all (weights are, biases are not). */
    static boolean isRegularised(String name) {
        return name.endsWith("_weight");
    }
}
