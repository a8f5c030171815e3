package org.convncf.trainer.model.jrl;

import org.convncf.trainer.model.bpr.Head;
import org.convncf.trainer.model.bpr.NeuralAlgorithm;
import org.convncf.trainer.model.bpr.TowerHead;

/** JRL (Zhang et al., 2017): a ReLU tower over the element-wise product p_u ⊙ q_i. */
public final class Jrl extends NeuralAlgorithm {

    @Override
    public String name() {
        return "jrl";
    }

    @Override
    public String description() {
        return "JRL: ReLU tower over p_u * q_i";
    }

    @Override
    protected Head newHead(Config config, int dim) {
        return new TowerHead("jrl", TowerHead.Input.PRODUCT, dim, config.layers());
    }
}
