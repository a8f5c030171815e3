package org.convncf.trainer.model.bpr;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.convncf.nn.UserEmbedding;
import org.convncf.nn.UserEmbeddingKind;

/**
 * The embedding tables of a BPR model as plain Java arrays — p (users), q' (history items) and q
 * (target items) — with their Adagrad accumulators and sparse, row-wise updates.
 *
 * <p>The tables stay in Java on purpose: a batch touches a few thousand rows of tables that can hold
 * millions, so the trainer gathers the batch's user vectors f(u) and item vectors q_i here, lets DJL
 * differentiate the interaction network and the loss with respect to those vectors, and pushes the
 * two gradients back through f (a linear map) into exactly the rows they touched. That is what
 * sparse embedding gradients do in PyTorch, without the dense (table-sized) gradient and optimizer
 * passes per step, and it keeps the user-embedding formula in one place ({@link UserEmbedding}).
 */
public final class EmbeddingTables {

    private final UserEmbeddingKind kind;
    private final int dim;
    private final float alpha;
    private final int numUsers;
    private final int numItems;
    private final float[] user;
    private final float[] history;
    private final float[] item;
    private final float[] userAcc;
    private final float[] historyAcc;
    private final float[] itemAcc;
    // Gradient buffers, zeroed row by row after each update.
    private final RowGradients userGrad;
    private final RowGradients historyGrad;
    private final RowGradients itemGrad;
    // Per user, Σ c_r · dL/df(u)_r over the batch's rows of that user: what each of their history rows receives.
    private final RowGradients perUserHistoryGrad;

    private EmbeddingTables(UserEmbeddingKind kind, int dim, float alpha, int numUsers, int numItems, float[] user,
            float[] history, float[] item, float adagradInitial) {
        this.kind = kind;
        this.dim = dim;
        this.alpha = alpha;
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.user = user;
        this.history = history;
        this.item = item;
        this.userAcc = user == null ? null : filled(user.length, adagradInitial);
        this.historyAcc = history == null ? null : filled(history.length, adagradInitial);
        this.itemAcc = filled(item.length, adagradInitial);
        this.userGrad = user == null ? null : new RowGradients(numUsers, dim);
        this.historyGrad = history == null ? null : new RowGradients(numItems, dim);
        this.perUserHistoryGrad = history == null ? null : new RowGradients(numUsers, dim);
        this.itemGrad = new RowGradients(numItems, dim);
    }

    /** Gaussian(0, std) tables, deterministic for the seed. */
    public static EmbeddingTables random(UserEmbeddingKind kind, int dim, float alpha, int numUsers, int numItems,
            double std, float adagradInitial, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] p = kind.usesUserTable() ? Gaussians.floats(rnd, numUsers * dim, std) : null;
        float[] qh = kind.usesHistory() ? Gaussians.floats(rnd, numItems * dim, std) : null;
        float[] q = Gaussians.floats(rnd, numItems * dim, std);
        return new EmbeddingTables(kind, dim, alpha, numUsers, numItems, p, qh, q, adagradInitial);
    }

    /** Tables with the given values (copied), e.g. from a pre-trained model or a snapshot. */
    public static EmbeddingTables of(UserEmbeddingKind kind, int dim, float alpha, int numUsers, int numItems,
            float[] user, float[] history, float[] item, float adagradInitial) {
        return new EmbeddingTables(kind, dim, alpha, numUsers, numItems, user == null ? null : user.clone(),
                history == null ? null : history.clone(), item.clone(), adagradInitial);
    }

    public UserEmbeddingKind kind() {
        return kind;
    }

    public int dim() {
        return dim;
    }

    public float alpha() {
        return alpha;
    }

    public int numUsers() {
        return numUsers;
    }

    public int numItems() {
        return numItems;
    }

    /** The user-embedding function over the current tables (a view: it sees later updates). */
    public UserEmbedding userEmbedding() {
        return new UserEmbedding(kind, dim, alpha, user, history);
    }

    /** q as (numItems × dim), the live array (it changes with every update). */
    float[] liveItemTable() {
        return item;
    }

    /** p, q' (either may be null) and q as copies. */
    public Snapshot snapshot() {
        return new Snapshot(user == null ? null : user.clone(), history == null ? null : history.clone(), item.clone());
    }

    /** Table values at one moment. */
    public record Snapshot(float[] user, float[] history, float[] item) {
    }

    /** Writes q_i of {@code items[k]} to {@code out[k*dim ..]} for {@code k < n}. */
    public void itemVectors(int[] items, int n, float[] out) {
        for (int k = 0; k < n; k++) {
            System.arraycopy(item, items[k] * dim, out, k * dim, dim);
        }
    }

    /**
     * Pushes dL/df(u) and dL/dq_i of a batch into the rows they came from and applies Adagrad to
     * exactly those rows.
     *
     * @param users       row → user
     * @param targets     row → target item (excluded from the user's history, as in the forward pass)
     * @param coefficient row → the FISM coefficient the forward pass used
     * @param userGrads   dL/df(u), n × dim
     * @param itemGrads   dL/dq_i, n × dim
     */
    public void applyGradients(int[] users, int[] targets, float[] coefficient, int n, float[] userGrads,
            float[] itemGrads, Histories histories, float learningRate) {
        int[] h = histories == null ? null : histories.items();
        for (int r = 0; r < n; r++) {
            int off = r * dim;
            if (user != null) {
                userGrad.add(users[r], userGrads, off, 1f);
            }
            if (history != null && coefficient[r] != 0f) {
                // Every history row but the target's gets c_r · dL/df(u)_r: summed per user here and
                // spread over the history once below; the target's share is taken back now.
                perUserHistoryGrad.add(users[r], userGrads, off, coefficient[r]);
                int from = histories.from(users[r]);
                int to = histories.to(users[r]);
                int excluded = UserEmbedding.occurrences(h, from, to, targets[r]);
                if (excluded > 0) {
                    historyGrad.add(targets[r], userGrads, off, -excluded * coefficient[r]);
                }
            }
            itemGrad.add(targets[r], itemGrads, off, 1f);
        }
        if (user != null) {
            userGrad.apply(user, userAcc, learningRate);
        }
        if (history != null) {
            for (int i = 0; i < perUserHistoryGrad.count; i++) {
                int u = perUserHistoryGrad.rows[i];
                for (int k = histories.from(u); k < histories.to(u); k++) {
                    historyGrad.add(h[k], perUserHistoryGrad.grad, u * dim, 1f);
                }
            }
            perUserHistoryGrad.clear();
            historyGrad.apply(history, historyAcc, learningRate);
        }
        itemGrad.apply(item, itemAcc, learningRate);
    }

    /** A table-sized gradient buffer that remembers which rows are non-zero. */
    private static final class RowGradients {
        private final int dim;
        private final float[] grad;
        private final boolean[] touched;
        private int[] rows = new int[1024];
        private int count;

        RowGradients(int numRows, int dim) {
            this.dim = dim;
            this.grad = new float[numRows * dim];
            this.touched = new boolean[numRows];
        }

        void add(int row, float[] src, int srcOffset, float scale) {
            if (!touched[row]) {
                touched[row] = true;
                if (count == rows.length) {
                    rows = Arrays.copyOf(rows, count * 2);
                }
                rows[count++] = row;
            }
            int base = row * dim;
            for (int d = 0; d < dim; d++) {
                grad[base + d] += scale * src[srcOffset + d];
            }
        }

        void apply(float[] table, float[] acc, float learningRate) {
            for (int i = 0; i < count; i++) {
                int base = rows[i] * dim;
                Adagrad.updateRow(table, acc, base, grad, base, dim, learningRate);
            }
            clear();
        }

        /** Zeroes the touched rows. */
        void clear() {
            for (int i = 0; i < count; i++) {
                int base = rows[i] * dim;
                Arrays.fill(grad, base, base + dim, 0f);
                touched[rows[i]] = false;
            }
            count = 0;
        }
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }
}
