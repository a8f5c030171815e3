package org.convncf.trainer.model.bpr;

/**
 * The training recipe shared by every BPR-trained model (section 4 of the ConvNCF paper), with two
 * parameter groups: embeddings (learning rate {@code lrEmbedding}; L2 {@code lambdaUser} on the user
 * vectors f(u) and {@code lambdaItem} on the item vectors q_i of each batch) and the interaction
 * network (learning rate {@code lrNetwork}; L2 {@code lambdaNetwork} on its weights and
 * {@code lambdaOutput} on the output layer w). The loss of a batch is
 * Σ softplus(−(ŷ_ui − ŷ_uj)) + λ1 Σ‖f(u)‖² + λ2 Σ(‖q_i‖² + ‖q_j‖²) + λ3 Σ‖W‖² + λ4 ‖w‖².
 *
 * @param factors            K, the embedding size (a power of two for ConvNCF)
 * @param epochs             the epoch budget
 * @param batchSize          triplets (u, i, j) per mini-batch
 * @param lrEmbedding        Adagrad learning rate of the embedding tables
 * @param lrNetwork          Adagrad learning rate of the interaction network and output layer
 * @param lambdaUser         λ1
 * @param lambdaItem         λ2
 * @param lambdaNetwork      λ3
 * @param lambdaOutput       λ4
 * @param evalEvery          validate every this many epochs
 * @param patience           stop after this many validations without a better NDCG@10 (0: never stop early)
 * @param negativeCandidates negatives drawn per positive; the highest-scoring is used (1 = uniform
 *                           sampling; more = dynamic negative sampling)
 * @param initStd            standard deviation of the Gaussian initialisation of embeddings that
 *                           are not pre-trained
 * @param adagradInitial     initial Adagrad accumulator (TensorFlow's default, 0.1, as in the
 *                           released ConvNCF code)
 * @param warmupEpoch        run epoch 1 without regularisation (the paper's recipe for ConvNCF)
 * @param historyLength      FISM/SVD++: a user's history is their most recent this-many training
 *                           items (the service uses the same cap)
 * @param alpha              FISM/SVD++ normalisation exponent α
 * @param pretrain           initialise the embeddings from this algorithm's trained model (empty: random)
 */
public record BprConfig(int factors, int epochs, int batchSize, double lrEmbedding, double lrNetwork,
        double lambdaUser, double lambdaItem, double lambdaNetwork, double lambdaOutput, int evalEvery, int patience,
        int negativeCandidates, double initStd, double adagradInitial, boolean warmupEpoch, int historyLength,
        double alpha, String pretrain) {

    public BprConfig {
        positive("factors", factors);
        positive("epochs", epochs);
        positive("batchSize", batchSize);
        positive("lrEmbedding", lrEmbedding);
        positive("lrNetwork", lrNetwork);
        nonNegative("lambdaUser", lambdaUser);
        nonNegative("lambdaItem", lambdaItem);
        nonNegative("lambdaNetwork", lambdaNetwork);
        nonNegative("lambdaOutput", lambdaOutput);
        positive("evalEvery", evalEvery);
        nonNegative("patience", patience);
        positive("negativeCandidates", negativeCandidates);
        positive("initStd", initStd);
        positive("adagradInitial", adagradInitial);
        positive("historyLength", historyLength);
        nonNegative("alpha", alpha);
        if (alpha > 1) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        pretrain = pretrain == null ? "" : pretrain.trim();
    }

    /** A copy with another value of one field, for algorithm defaults. */
    public BprConfig withPretrain(String source) {
        return new BprConfig(factors, epochs, batchSize, lrEmbedding, lrNetwork, lambdaUser, lambdaItem, lambdaNetwork,
                lambdaOutput, evalEvery, patience, negativeCandidates, initStd, adagradInitial, warmupEpoch, historyLength,
                alpha, source);
    }

    /** The shallow models' recipe (the released code's MF-BPR pre-training: lr 0.05, λ 0.01). */
    public static BprConfig shallowDefaults() {
        return new BprConfig(64, 500, 512, 0.05, 0.05, 0.01, 0.01, 0.0, 0.0, 1, 10, 1, 0.01, 0.1, false, 256, 0.5, "");
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + v);
        }
    }

    private static void nonNegative(String name, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + v);
        }
    }

    private static void positive(String name, double v) {
        if (!(v > 0)) {
            throw new IllegalArgumentException(name + " must be > 0, got " + v);
        }
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0)) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + v);
        }
    }
}
