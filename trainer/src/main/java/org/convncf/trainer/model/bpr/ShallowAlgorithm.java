package org.convncf.trainer.model.bpr;

import org.convncf.nn.UserEmbeddingKind;

/**
 * The shallow baselines (MF-BPR, FISM, SVD++): ŷ = f(u) · q_i, trained with BPR. They also pre-train
 * the embeddings of the deep models, and their tables drive the service's candidate generation.
 */
public abstract class ShallowAlgorithm extends BprAlgorithm<ShallowAlgorithm.Config> {

    /** Shallow models have the shared recipe only. */
    public record Config(BprConfig training) {
    }

    @Override
    public Config defaults() {
        return new Config(BprConfig.shallowDefaults());
    }

    @Override
    protected BprConfig training(Config config) {
        return config.training();
    }

    @Override
    protected Head newHead(Config config, int dim) {
        return new DotHead();
    }

    @Override
    protected abstract UserEmbeddingKind userEmbedding();
}
