package org.convncf.trainer.model.gmf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;
import java.util.SplittableRandom;
import org.convncf.trainer.model.bpr.Head;
import org.convncf.trainer.model.bpr.NeuralAlgorithm;

/** GMF (He et al., 2017): ŷ = hᵀ(p_u ⊙ q_i), a learned weighting of the element-wise product. */
public final class Gmf extends NeuralAlgorithm {

    @Override
    public String name() {
        return "gmf";
    }

    @Override
    public String description() {
        return "GMF: h . (p_u * q_i)";
    }

    @Override
    protected Head newHead(Config config, int dim) {
        return new GmfHead(dim);
    }

    /** The weighted element-wise product; {@code output_weight} (1, D) is h. */
    static final class GmfHead implements Head {
        private final GmfBlock block;

        GmfHead(int dim) {
            this.block = new GmfBlock(dim);
        }

        @Override
        public String type() {
            return "gmf";
        }

        @Override
        public Block block() {
            return block;
        }

        @Override
        public Map<String, Object> architecture() {
            return Map.of("interaction", "gmf");
        }

        @Override
        public void initialize(NDManager manager, int dim, SplittableRandom rnd) {
            allocate(manager, dim);
            // h starts at 1: GMF begins as the pre-trained MF dot product.
            block.getParameters().get(0).getValue().getArray().set(filled(dim, 1f));
        }

        private static float[] filled(int n, float v) {
            float[] a = new float[n];
            java.util.Arrays.fill(a, v);
            return a;
        }
    }

    private static final class GmfBlock extends AbstractBlock {
        private final Parameter h;

        GmfBlock(int dim) {
            h = addParameter(Parameter.builder().setName("output_weight").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(1, dim)).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray x = inputs.get(0).mul(inputs.get(1));
            NDArray w = store.getValue(h, x.getDevice(), training);
            return new NDList(x.matMul(w.transpose()).reshape(x.getShape().get(0)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0))};
        }
    }
}
