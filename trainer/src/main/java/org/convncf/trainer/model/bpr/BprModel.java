package org.convncf.trainer.model.bpr;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.convncf.nn.UserEmbedding;
import org.convncf.trainer.model.CheckpointedModel;
import org.convncf.trainer.model.TrainingHistory;

/**
 * A trained embedding model: user-embedding function and item table (plain arrays), an interaction
 * head, and the training histories it embeds users from. Scores pairs by computing f(u) once per
 * run of consecutive pairs of the same user and handing the run to the head's fastest scorer.
 */
public final class BprModel implements CheckpointedModel {

    private final String algorithm;
    private final Map<String, Object> hyperParameters;
    private final UserEmbedding userEmbedding;
    private final float[] itemTable;
    private final Head head;
    private final NDManager manager;
    private final boolean ownsManager;
    private final Histories histories;
    private final TrainingHistory history;
    private final List<Supplier<BprModel>> checkpoints;
    private final ItemsScorer scorer;
    private final int dim;

    BprModel(String algorithm, Map<String, Object> hyperParameters, UserEmbedding userEmbedding, float[] itemTable,
            Head head, NDManager manager, boolean ownsManager, Histories histories, TrainingHistory history,
            List<Supplier<BprModel>> checkpoints) {
        this.algorithm = algorithm;
        this.hyperParameters = hyperParameters;
        this.userEmbedding = userEmbedding;
        this.itemTable = itemTable;
        this.head = head;
        this.manager = manager;
        this.ownsManager = ownsManager;
        this.histories = histories;
        this.history = history;
        this.checkpoints = checkpoints;
        this.dim = userEmbedding.dim();
        this.scorer = HeadScorer.of(head, manager, dim, Runtime.getRuntime().availableProcessors());
    }

    /**
     * A dot-product model over tables trained elsewhere (a model-store version): scores as the model
     * that was stored did, from the given training histories; it has no checkpoints and holds no
     * engine resources.
     */
    public static BprModel ofStoredTables(String algorithm, Map<String, Object> hyperParameters,
            UserEmbedding userEmbedding, float[] itemTable, Histories histories, TrainingHistory history) {
        return new BprModel(algorithm, hyperParameters, userEmbedding, itemTable, new DotHead(), null, false, histories,
                history, List.of());
    }

    @Override
    public String algorithm() {
        return algorithm;
    }

    @Override
    public Map<String, Object> hyperParameters() {
        return hyperParameters;
    }

    @Override
    public TrainingHistory history() {
        return history;
    }

    public UserEmbedding userEmbedding() {
        return userEmbedding;
    }

    /** q (numItems × D, row-major); not a copy. */
    public float[] itemTable() {
        return itemTable;
    }

    public Head head() {
        return head;
    }

    public Histories histories() {
        return histories;
    }

    public int dim() {
        return dim;
    }

    /** f(u) of training user {@code user} over its training history. */
    public float[] userVector(int user) {
        float[] u = new float[dim];
        userEmbedding.embed(user, histories.items(), histories.from(user), histories.to(user), -1, u, 0);
        return u;
    }

    @Override
    public void scorePairs(int[] users, int[] items, int n, float[] out) {
        float[] v = new float[n * dim];
        int from = 0;
        while (from < n) {
            int user = users[from];
            int to = from + 1;
            while (to < n && users[to] == user) {
                to++;
            }
            for (int k = from; k < to; k++) {
                System.arraycopy(itemTable, items[k] * dim, v, (k - from) * dim, dim);
            }
            scorer.score(userVector(user), v, to - from, out, from);
            from = to;
        }
    }

    @Override
    public void scoreAllItems(int user, float[] out) {
        scorer.score(userVector(user), itemTable, out.length, out, 0);
    }

    @Override
    public List<BprModel> lastEvaluatedCheckpoints() {
        List<BprModel> out = new ArrayList<>();
        for (Supplier<BprModel> c : checkpoints) {
            out.add(c.get());
        }
        return out;
    }

    @Override
    public void close() {
        scorer.close();
        if (ownsManager) {
            manager.close();
        }
    }
}
