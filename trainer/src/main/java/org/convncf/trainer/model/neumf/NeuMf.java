package org.convncf.trainer.model.neumf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
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
import org.convncf.trainer.model.bpr.Head;
import org.convncf.trainer.model.bpr.NeuralAlgorithm;

/**
 * NeuMF (He et al., 2017): GMF and MLP with separate embeddings, fused by one output layer:
 * ŷ = wᵀ[p^G_u ⊙ q^G_i ; MLP([p^M_u ; q^M_i])]. The user and item vectors are 2K wide — the GMF half
 * and the MLP half — both halves pre-trained from MF-BPR.
 */
public final class NeuMf extends NeuralAlgorithm {

    @Override
    public String name() {
        return "neumf";
    }

    @Override
    public String description() {
        return "NeuMF: GMF and MLP with separate embeddings, fused output";
    }

    @Override
    protected int dimension(Config config) {
        return 2 * config.training().factors();
    }

    @Override
    protected Head newHead(Config config, int dim) {
        return new NeuMfHead(dim / 2, config.layers());
    }

    static final class NeuMfHead implements Head {
        private final int k;
        private final int layers;
        private final NeuMfBlock block;

        NeuMfHead(int k, int layers) {
            if (k >> (layers - 1) < 1) {
                throw new IllegalArgumentException("embedding size " + k + " is too small for " + layers + " layers");
            }
            this.k = k;
            this.layers = layers;
            this.block = new NeuMfBlock(k, layers);
        }

        @Override
        public String type() {
            return "neumf";
        }

        @Override
        public Block block() {
            return block;
        }

        @Override
        public Map<String, Object> architecture() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("interaction", "neumf");
            m.put("factorsPerPart", k);
            m.put("layers", layers);
            return m;
        }

        @Override
        public void initialize(NDManager manager, int dim, SplittableRandom rnd) {
            allocate(manager, dim);
            Head.heUniform(block, rnd);
        }
    }

    private static final class NeuMfBlock extends AbstractBlock {
        private final int k;
        private final Parameter[] weights;
        private final Parameter[] biases;
        private final Parameter output;

        NeuMfBlock(int k, int layers) {
            this.k = k;
            this.weights = new Parameter[layers];
            this.biases = new Parameter[layers];
            int in = 2 * k;
            for (int l = 0; l < layers; l++) {
                int out = k >> l;
                weights[l] = addParameter(Parameter.builder().setName("fc" + (l + 1) + "_weight")
                        .setType(Parameter.Type.WEIGHT).optShape(new Shape(out, in)).build());
                biases[l] = addParameter(Parameter.builder().setName("fc" + (l + 1) + "_bias")
                        .setType(Parameter.Type.BIAS).optShape(new Shape(out)).build());
                in = out;
            }
            output = addParameter(Parameter.builder().setName("output_weight").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(1, k + in)).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray u = inputs.get(0);
            NDArray v = inputs.get(1);
            long n = u.getShape().get(0);
            NDIndex gmfPart = new NDIndex(":, 0:" + k);
            NDIndex mlpPart = new NDIndex(":, " + k + ":");
            NDArray gmf = u.get(gmfPart).mul(v.get(gmfPart));
            NDArray x = u.get(mlpPart).concat(v.get(mlpPart), 1);
            for (int l = 0; l < weights.length; l++) {
                NDArray w = store.getValue(weights[l], x.getDevice(), training);
                NDArray b = store.getValue(biases[l], x.getDevice(), training);
                x = Activation.relu(x.matMul(w.transpose()).add(b));
            }
            NDArray w = store.getValue(output, x.getDevice(), training);
            return new NDList(gmf.concat(x, 1).matMul(w.transpose()).reshape(n));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0))};
        }
    }
}
