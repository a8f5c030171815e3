package org.convncf.trainer.model.convncf;

import org.convncf.nn.UserEmbeddingKind;
import org.convncf.trainer.model.bpr.BprAlgorithm;
import org.convncf.trainer.model.bpr.BprConfig;
import org.convncf.trainer.model.bpr.ConvNcfHead;
import org.convncf.trainer.model.bpr.Head;

/**
 * ConvNCF-X (Du et al., TOIS 2019): the outer product of f_X(u) and q_i through log2(K) 2×2/stride-2
 * convolutions, pre-trained from the shallow model X and trained with BPR; epoch 1 runs without
 * regularisation.
 */
public final class ConvNcf extends BprAlgorithm<ConvNcf.Config> {

    /**
     * @param channels C, channels of every convolution layer (32 in the paper)
     * @param training the BPR recipe
     */
    public record Config(int channels, BprConfig training) {
        public Config {
            if (channels < 1 || channels > 1024) {
                throw new IllegalArgumentException("channels must be in 1..1024, got " + channels);
            }
        }
    }

    private final UserEmbeddingKind kind;

    public ConvNcf(UserEmbeddingKind kind) {
        this.kind = kind;
    }

    @Override
    public String name() {
        return "convncf-" + kind.label();
    }

    @Override
    public String description() {
        return "ConvNCF with the " + kind.label().toUpperCase(java.util.Locale.ROOT) + " user embedding, pre-trained from "
                + kind.label();
    }

    @Override
    public Config defaults() {
        // Embedding lr 0.005 and λ4 = 1: the best cell of a validation grid on lastfm (the released
        // code's 0.05 lost 0.02 validation NDCG@10; docs/RESULTS.md has the grid and its command).
        return new Config(32, new BprConfig(64, 50, 512, 0.005, 0.05, 0.01, 0.01, 0.01, 1.0, 1, 10, 1, 0.01, 0.1, true, 256,
                0.5, kind.label()));
    }

    @Override
    protected BprConfig training(Config config) {
        return config.training();
    }

    @Override
    protected UserEmbeddingKind userEmbedding() {
        return kind;
    }

    @Override
    protected Head newHead(Config config, int dim) {
        return new ConvNcfHead(dim, config.channels());
    }
}
