package org.convncf.trainer.model.mlp;

import org.convncf.trainer.model.bpr.Head;
import org.convncf.trainer.model.bpr.NeuralAlgorithm;
import org.convncf.trainer.model.bpr.TowerHead;

/** MLP (He et al., 2017): a ReLU tower over the concatenation [p_u; q_i]. */
public final class Mlp extends NeuralAlgorithm {

    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public String description() {
        return "MLP: ReLU tower over [p_u; q_i]";
    }

    @Override
    protected Head newHead(Config config, int dim) {
        return new TowerHead("mlp", TowerHead.Input.CONCAT, dim, config.layers());
    }
}
