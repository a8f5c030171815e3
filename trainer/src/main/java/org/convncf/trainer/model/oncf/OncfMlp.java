package org.convncf.trainer.model.oncf;

import org.convncf.trainer.model.bpr.Head;
import org.convncf.trainer.model.bpr.NeuralAlgorithm;
import org.convncf.trainer.model.bpr.TowerHead;

/**
 * ONCF-mlp, the paper's ablation (section 5.3): the same K×K outer-product interaction map as
 * ConvNCF, flattened and fed to a ReLU tower instead of the CNN.
 */
public final class OncfMlp extends NeuralAlgorithm {

    @Override
    public String name() {
        return "oncf-mlp";
    }

    @Override
    public String description() {
        return "ONCF-mlp: ReLU tower over the flattened p_u (x) q_i map";
    }

    @Override
    protected Head newHead(Config config, int dim) {
        return new TowerHead("oncf-mlp", TowerHead.Input.OUTER, dim, config.layers());
    }
}
