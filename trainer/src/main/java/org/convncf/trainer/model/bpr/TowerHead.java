package org.convncf.trainer.model.bpr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A ReLU tower over a combination of f(u) and q_i, then a linear output: the MLP (concatenation),
 * JRL (element-wise product) and ONCF-mlp (flattened outer product) baselines of the paper.
 * Hidden widths are D, D/2, D/4, … for {@code layers} layers.
 */
public final class TowerHead implements Head {

    /** How f(u) and q_i are combined before the tower. */
    public enum Input {
        /** [f(u); q_i], width 2D (NCF's MLP). */
        CONCAT,
        /** f(u) ⊙ q_i, width D (JRL). */
        PRODUCT,
        /** flatten(f(u) ⊗ q_i), width D² (the paper's ONCF-mlp ablation). */
        OUTER
    }

    private final String type;
    private final Input input;
    private final int layers;
    private final TowerBlock block;

    public TowerHead(String type, Input input, int dim, int layers) {
        if (layers < 1 || layers > 3) {
            throw new IllegalArgumentException("tower layers must be 1..3, got " + layers);
        }
        if (dim >> (layers - 1) < 1) {
            throw new IllegalArgumentException("embedding size " + dim + " is too small for " + layers + " layers");
        }
        this.type = type;
        this.input = input;
        this.layers = layers;
        this.block = new TowerBlock(input, dim, layers);
    }

    /** Width of the combined input for embeddings of width {@code dim}. */
    static int inputWidth(Input input, int dim) {
        return switch (input) {
            case CONCAT -> 2 * dim;
            case PRODUCT -> dim;
            case OUTER -> dim * dim;
        };
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Block block() {
        return block;
    }

    @Override
    public int cpuMicroBatch() {
        return input == Input.OUTER ? INTERACTION_MAP_MICRO_BATCH : 0;
    }

    @Override
    public Map<String, Object> architecture() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("interaction", type);
        m.put("input", input.name().toLowerCase(java.util.Locale.ROOT));
        m.put("layers", layers);
        return m;
    }

    @Override
    public void initialize(NDManager manager, int dim, SplittableRandom rnd) {
        allocate(manager, dim);
        Head.heUniform(block, rnd);
    }

    /** Combines user and item vectors as {@code input} says. */
    static NDArray combine(Input input, NDArray u, NDArray v) {
        long n = u.getShape().get(0);
        long d = u.getShape().get(1);
        return switch (input) {
            case CONCAT -> u.concat(v, 1);
            case PRODUCT -> u.mul(v);
            case OUTER -> u.reshape(n, d, 1).mul(v.reshape(n, 1, d)).reshape(n, d * d);
        };
    }

    /** Direct parameters {@code fc<l>_weight}/{@code fc<l>_bias} and {@code output_weight}. */
    static final class TowerBlock extends AbstractBlock {
        private final Input input;
        private final Parameter[] weights;
        private final Parameter[] biases;
        private final Parameter output;

        TowerBlock(Input input, int dim, int layers) {
            this.input = input;
            this.weights = new Parameter[layers];
            this.biases = new Parameter[layers];
            int in = inputWidth(input, dim);
            for (int l = 0; l < layers; l++) {
                int out = dim >> l;
                weights[l] = addParameter(Parameter.builder().setName("fc" + (l + 1) + "_weight")
                        .setType(Parameter.Type.WEIGHT).optShape(new Shape(out, in)).build());
                biases[l] = addParameter(Parameter.builder().setName("fc" + (l + 1) + "_bias")
                        .setType(Parameter.Type.BIAS).optShape(new Shape(out)).build());
                in = out;
            }
            output = addParameter(Parameter.builder().setName("output_weight").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(1, in)).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray x = combine(input, inputs.get(0), inputs.get(1));
            long n = x.getShape().get(0);
            for (int l = 0; l < weights.length; l++) {
                NDArray w = store.getValue(weights[l], x.getDevice(), training);
                NDArray b = store.getValue(biases[l], x.getDevice(), training);
                x = Activation.relu(x.matMul(w.transpose()).add(b));
            }
            NDArray w = store.getValue(output, x.getDevice(), training);
            return new NDList(x.matMul(w.transpose()).reshape(n));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0))};
        }
    }
}
