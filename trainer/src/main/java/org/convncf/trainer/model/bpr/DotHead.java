package org.convncf.trainer.model.bpr;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;
import java.util.SplittableRandom;

/** ŷ = f(u) · q_i: the shallow models (MF-BPR, FISM, SVD++). No parameters. */
public final class DotHead implements Head {

    private final DotBlock block = new DotBlock();

    @Override
    public String type() {
        return "dot";
    }

    @Override
    public Block block() {
        return block;
    }

    @Override
    public boolean isDot() {
        return true;
    }

    @Override
    public Map<String, Object> architecture() {
        return Map.of("interaction", "dot");
    }

    @Override
    public void initialize(NDManager manager, int dim, SplittableRandom rnd) {
        allocate(manager, dim);
    }

    private static final class DotBlock extends AbstractBlock {
        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            return new NDList(inputs.get(0).mul(inputs.get(1)).sum(new int[] {1}));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0))};
        }
    }
}
