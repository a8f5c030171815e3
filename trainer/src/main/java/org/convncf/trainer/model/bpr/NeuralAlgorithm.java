package org.convncf.trainer.model.bpr;

import org.convncf.nn.UserEmbeddingKind;

/**
 * The neural baselines of the ConvNCF paper (GMF, MLP, JRL, NeuMF, ONCF-mlp): MF embeddings
 * pre-trained from MF-BPR, an interaction network, BPR loss and Adagrad like ConvNCF.
 */
public abstract class NeuralAlgorithm extends BprAlgorithm<NeuralAlgorithm.Config> {

    /**
     * @param layers   hidden layers of the tower (1..3; unused by GMF)
     * @param training the BPR recipe
     */
    public record Config(int layers, BprConfig training) {
        public Config {
            if (layers < 1 || layers > 3) {
                throw new IllegalArgumentException("layers must be 1, 2 or 3, got " + layers);
            }
        }
    }

    /** The recipe of the neural baselines: ConvNCF's (with its own λ4), pre-trained from MF-BPR. */
    public static BprConfig neuralDefaults() {
        return new BprConfig(64, 50, 512, 0.005, 0.05, 0.01, 0.01, 0.01, 0.01, 1, 10, 1, 0.01, 0.1, true, 256, 0.5, "mf");
    }

    @Override
    public Config defaults() {
        return new Config(3, neuralDefaults());
    }

    @Override
    protected BprConfig training(Config config) {
        return config.training();
    }

    @Override
    protected UserEmbeddingKind userEmbedding() {
        return UserEmbeddingKind.MF;
    }
}
