package org.convncf.trainer.model.bpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.convncf.nn.UserEmbedding;
import org.convncf.nn.UserEmbeddingKind;
import org.convncf.store.IdMap;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.model.ComputeSettings;
import org.convncf.trainer.model.TrainingContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The BPR loss and the Adagrad updates against values computed in this test from the formulas of
 * {@link BprConfig} and {@link Adagrad}: single {@link BprTrainer} steps on hand-built datasets
 * with fixed initial tables, the sparse row-wise table update, the FISM gradient distribution
 * (checked against finite differences of {@link UserEmbedding#embed}), the DJL optimizer of the
 * head parameters, and the numerical stability of the loss.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BprLossTest {

    private static final float INITIAL = 0.1f;
    private static final double EPS = 1e-10;

    // ------------------------------------------------------------------ fixtures

    /** Users 0..n-1 with the given items (no timestamps); users may have none. */
    static Interactions interactions(int numItems, int[]... perUser) {
        int[] offsets = new int[perUser.length + 1];
        for (int u = 0; u < perUser.length; u++) {
            offsets[u + 1] = offsets[u] + perUser[u].length;
        }
        int[] items = new int[offsets[perUser.length]];
        for (int u = 0; u < perUser.length; u++) {
            System.arraycopy(perUser[u], 0, items, offsets[u], perUser[u].length);
        }
        return Interactions.ofCsr(IdMap.range(perUser.length), IdMap.range(numItems), offsets, items, null);
    }

    static BprConfig config(int dim, int batchSize, double lr, double lrNetwork, double lambdaUser, double lambdaItem,
            double lambdaOutput) {
        return new BprConfig(dim, 1, batchSize, lr, lrNetwork, lambdaUser, lambdaItem, 0.0, lambdaOutput, 1, 0, 1, 0.01,
                INITIAL, false, 10, 0.5, "");
    }

    static TrainingContext context() {
        return TrainingContext.of(7L, new ComputeSettings("cpu", 1), null, new TrainingContext.ProgressListener() {
        }, null);
    }

    static BprModel train(Interactions train, BprConfig config, EmbeddingTables tables, Supplier<Head> heads) {
        return new BprTrainer("test", Map.of(), train, config, tables, Histories.recent(train, config.historyLength()), heads,
                context()).train();
    }

    static float[] flat(double[][] rows) {
        int dim = rows[0].length;
        float[] out = new float[rows.length * dim];
        for (int r = 0; r < rows.length; r++) {
            for (int d = 0; d < dim; d++) {
                out[r * dim + d] = (float) rows[r][d];
            }
        }
        return out;
    }

    static void assertRows(float[] actual, double[][] expected, double tolerance, String what) {
        int dim = expected[0].length;
        assertThat(actual).as(what).hasSize(expected.length * dim);
        for (int r = 0; r < expected.length; r++) {
            for (int d = 0; d < dim; d++) {
                assertThat((double) actual[r * dim + d]).as("%s[%d][%d]", what, r, d).isCloseTo(expected[r][d],
                        within(tolerance));
            }
        }
    }

    // ------------------------------------------------------------------ the reference, in doubles

    /**
     * One BPR mini-batch step written out from the formulas: for each triplet (u, i, j),
     * x = ŷ(f_i(u), q_i) − ŷ(f_j(u), q_j) with f_t(u) the user embedding without item t; loss
     * softplus(−x) + λ1‖f_i(u)‖² + λ2(‖q_i‖² + ‖q_j‖²), plus λ4‖w‖² once per batch; gradients of all
     * triplets summed per row, then Adagrad (h = h + g², w −= lr·g/(√h + ε)) on every table row and the
     * head weight. ŷ(f, q) = Σ_d w_d f_d q_d, with w ≡ 1 for the dot head.
     */
    static final class Reference {
        final UserEmbeddingKind kind;
        final double alpha;
        final int[][] history;
        final double[][] p;
        final double[][] qh;
        final double[][] q;
        final double[] w;
        final double[][] accP;
        final double[][] accQh;
        final double[][] accQ;
        final double[] accW;
        double lambdaUser;
        double lambdaItem;
        double lambdaOutput;
        double lr;
        double lrNetwork;
        /** The summed loss of every step so far. */
        double totalLoss;

        Reference(UserEmbeddingKind kind, double alpha, int[][] history, double[][] p, double[][] qh, double[][] q,
                double[] w) {
            this.kind = kind;
            this.alpha = alpha;
            this.history = history;
            this.p = copy(p);
            this.qh = copy(qh);
            this.q = copy(q);
            this.w = w == null ? null : w.clone();
            this.accP = filled(p);
            this.accQh = filled(qh);
            this.accQ = filled(q);
            this.accW = w == null ? null : filled(new double[][] {w})[0];
        }

        int dim() {
            return q[0].length;
        }

        /** f(u) without item {@code exclude}; returns the FISM coefficient in out[dim]. */
        double[] embed(int u, int exclude) {
            int dim = dim();
            double[] f = new double[dim + 1];
            if (kind.usesUserTable()) {
                System.arraycopy(p[u], 0, f, 0, dim);
            }
            if (kind.usesHistory()) {
                int count = 0;
                for (int t : history[u]) {
                    if (t != exclude) {
                        count++;
                    }
                }
                double c = count == 0 ? 0 : Math.pow(count, -alpha);
                for (int t : history[u]) {
                    if (t != exclude) {
                        for (int d = 0; d < dim; d++) {
                            f[d] += c * qh[t][d];
                        }
                    }
                }
                f[dim] = c;
            }
            return f;
        }

        double weight(int d) {
            return w == null ? 1.0 : w[d];
        }

        double score(double[] f, double[] item) {
            double s = 0;
            for (int d = 0; d < dim(); d++) {
                s += weight(d) * f[d] * item[d];
            }
            return s;
        }

        /** One step over {@code triplets} ({u, i, j} each); returns the batch's summed loss. */
        double step(int[][] triplets, boolean regularise) {
            int dim = dim();
            double[][] gp = p == null ? null : new double[p.length][dim];
            double[][] gqh = qh == null ? null : new double[qh.length][dim];
            double[][] gq = new double[q.length][dim];
            double[] gw = w == null ? null : new double[dim];
            double loss = 0;
            for (int[] t : triplets) {
                int u = t[0];
                int i = t[1];
                int j = t[2];
                double[] fi = embed(u, i);
                double[] fj = embed(u, j);
                double x = score(fi, q[i]) - score(fj, q[j]);
                loss += softplus(-x);
                double sig = 1 / (1 + Math.exp(x)); // σ(−x) = −dL/dx
                double lu = regularise ? lambdaUser : 0;
                double li = regularise ? lambdaItem : 0;
                if (regularise) {
                    loss += lambdaUser * sq(fi, dim) + lambdaItem * (sq(q[i], dim) + sq(q[j], dim));
                }
                double[] dfi = new double[dim];
                double[] dfj = new double[dim];
                for (int d = 0; d < dim; d++) {
                    dfi[d] = -sig * weight(d) * q[i][d] + 2 * lu * fi[d];
                    dfj[d] = sig * weight(d) * q[j][d];
                    gq[i][d] += -sig * weight(d) * fi[d] + 2 * li * q[i][d];
                    gq[j][d] += sig * weight(d) * fj[d] + 2 * li * q[j][d];
                    if (gw != null) {
                        gw[d] += -sig * fi[d] * q[i][d] + sig * fj[d] * q[j][d];
                    }
                }
                distribute(u, i, fi[dim], dfi, gp, gqh);
                distribute(u, j, fj[dim], dfj, gp, gqh);
            }
            if (gw != null && regularise) {
                loss += lambdaOutput * sq(w, dim);
                for (int d = 0; d < dim; d++) {
                    gw[d] += 2 * lambdaOutput * w[d];
                }
            }
            if (gw != null) {
                adagrad(w, accW, gw, lrNetwork);
            }
            for (int r = 0; r < q.length; r++) {
                adagrad(q[r], accQ[r], gq[r], lr);
                if (gqh != null) {
                    adagrad(qh[r], accQh[r], gqh[r], lr);
                }
            }
            if (gp != null) {
                for (int r = 0; r < p.length; r++) {
                    adagrad(p[r], accP[r], gp[r], lr);
                }
            }
            totalLoss += loss;
            return loss;
        }

        private void distribute(int u, int target, double c, double[] df, double[][] gp, double[][] gqh) {
            int dim = dim();
            if (gp != null) {
                for (int d = 0; d < dim; d++) {
                    gp[u][d] += df[d];
                }
            }
            if (gqh != null) {
                for (int t : history[u]) {
                    if (t != target) {
                        for (int d = 0; d < dim; d++) {
                            gqh[t][d] += c * df[d];
                        }
                    }
                }
            }
        }

        static void adagrad(double[] row, double[] acc, double[] g, double lr) {
            for (int d = 0; d < row.length; d++) {
                acc[d] += g[d] * g[d];
                row[d] -= lr * g[d] / (Math.sqrt(acc[d]) + EPS);
            }
        }

        static double softplus(double z) {
            return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
        }

        /** ‖v[0..n)‖². */
        static double sq(double[] v, int n) {
            double s = 0;
            for (int d = 0; d < n; d++) {
                s += v[d] * v[d];
            }
            return s;
        }

        private static double[][] copy(double[][] a) {
            if (a == null) {
                return null;
            }
            double[][] out = new double[a.length][];
            for (int r = 0; r < a.length; r++) {
                out[r] = a[r].clone();
            }
            return out;
        }

        private static double[][] filled(double[][] a) {
            if (a == null) {
                return null;
            }
            double[][] out = new double[a.length][a[0].length];
            for (double[] row : out) {
                java.util.Arrays.fill(row, INITIAL);
            }
            return out;
        }
    }

    // ------------------------------------------------------------------ one trainer step vs. the reference

    @Test
    void mfStepWithOneTripletMatchesHandValues() {
        // Two users, three items; user 0 has item 0, user 1 nothing: one triplet (0, 0, j), j ∈ {1, 2}.
        Interactions train = interactions(3, new int[] {0}, new int[] {});
        double[][] p = {{0.1, -0.2}, {0.3, 0.4}};
        double[][] q = {{0.5, 0.1}, {-0.2, 0.3}, {0.05, -0.4}};
        BprConfig config = config(2, 1, 0.05, 0.05, 0.01, 0.02, 0.0);
        EmbeddingTables tables = EmbeddingTables.of(UserEmbeddingKind.MF, 2, 0.5f, 2, 3, flat(p), null, flat(q), INITIAL);

        try (BprModel model = train(train, config, tables, DotHead::new)) {
            float[] qAfter = model.itemTable();
            int j = qAfter[2] != (float) q[1][0] ? 1 : 2; // the sampled negative's row is the one that moved
            int untouched = 3 - j;
            Reference ref = new Reference(UserEmbeddingKind.MF, 0.5, new int[][] {{0}, {}}, p, null, q, null);
            ref.lambdaUser = 0.01;
            ref.lambdaItem = 0.02;
            ref.lr = 0.05;
            double loss = ref.step(new int[][] {{0, 0, j}}, true);

            // The hand-written loss: softplus(−(p_0·q_0 − p_0·q_j)) + λ1‖p_0‖² + λ2(‖q_0‖² + ‖q_j‖²).
            double x = (0.1 * 0.5 - 0.2 * 0.1) - (0.1 * q[j][0] - 0.2 * q[j][1]);
            double handLoss = Math.log1p(Math.exp(-x)) + 0.01 * (0.01 + 0.04)
                    + 0.02 * (0.25 + 0.01 + q[j][0] * q[j][0] + q[j][1] * q[j][1]);
            assertThat(loss).isCloseTo(handLoss, within(1e-12));
            assertThat(model.history().epochs()).hasSize(1);
            assertThat(model.history().epochs().get(0).loss()).isCloseTo(handLoss, within(1e-6));

            assertRows(model.userEmbedding().userTable(), ref.p, 1e-6, "p");
            assertRows(qAfter, ref.q, 1e-6, "q");
            // Sparse: user 1 and the item that was not sampled keep their values exactly.
            assertThat(model.userEmbedding().userTable()[2]).isEqualTo(0.3f);
            assertThat(model.userEmbedding().userTable()[3]).isEqualTo(0.4f);
            assertThat(qAfter[untouched * 2]).isEqualTo((float) q[untouched][0]);
            assertThat(qAfter[untouched * 2 + 1]).isEqualTo((float) q[untouched][1]);
        }
    }

    @Test
    void literalHandValuesOfOneStep() {
        // K = 1, no regularisation, p_0 = 1, q_0 = q_1 = q_2 = 0.5: x = 0, loss = ln 2, σ(−x) = 1/2.
        // dL/dp = −½(q_0 − q_j) = 0; dL/dq_0 = −½, dL/dq_j = +½;
        // h = 0.1 + ¼ = 0.35; q_0 = 0.5 + 0.05·0.5/√0.35, q_j = 0.5 − 0.05·0.5/√0.35.
        Interactions train = interactions(3, new int[] {0}, new int[] {});
        EmbeddingTables tables = EmbeddingTables.of(UserEmbeddingKind.MF, 1, 0.5f, 2, 3, new float[] {1f, 2f}, null,
                new float[] {0.5f, 0.5f, 0.5f}, INITIAL);
        try (BprModel model = train(train, config(1, 1, 0.05, 0.05, 0, 0, 0), tables, DotHead::new)) {
            assertThat(model.history().epochs().get(0).loss()).isCloseTo(Math.log(2), within(1e-6));
            float[] q = model.itemTable();
            double delta = 0.05 * 0.5 / Math.sqrt(0.35);
            assertThat((double) q[0]).isCloseTo(0.5 + delta, within(1e-6));
            assertThat(delta).isCloseTo(0.0422577, within(1e-7));
            int j = q[1] != 0.5f ? 1 : 2;
            assertThat((double) q[j]).isCloseTo(0.5 - delta, within(1e-6));
            assertThat(q[3 - j]).isEqualTo(0.5f);
            assertThat(model.userEmbedding().userTable()).containsExactly(1f, 2f);
        }
    }

    @Test
    void fismStepDistributesTheUserGradientOverTheHistoryButNotTheTarget() {
        // User 0 has items 0, 1, 2 of four: every negative is item 3. One batch of three triplets.
        Interactions train = interactions(4, new int[] {0, 1, 2}, new int[] {});
        double[][] qh = {{0.2, -0.1, 0.05}, {0.3, 0.2, -0.1}, {-0.25, 0.1, 0.15}, {0.4, 0.4, 0.4}};
        double[][] q = {{0.1, 0.3, -0.2}, {-0.3, 0.05, 0.2}, {0.15, -0.1, 0.3}, {0.2, -0.25, 0.1}};
        BprConfig config = config(3, 8, 0.1, 0.05, 0.03, 0.02, 0.0);
        EmbeddingTables tables = EmbeddingTables.of(UserEmbeddingKind.FISM, 3, 0.5f, 2, 4, null, flat(qh), flat(q), INITIAL);
        Reference ref = new Reference(UserEmbeddingKind.FISM, 0.5, new int[][] {{0, 1, 2}, {}}, null, qh, q, null);
        ref.lambdaUser = 0.03;
        ref.lambdaItem = 0.02;
        ref.lr = 0.1;
        double loss = ref.step(new int[][] {{0, 0, 3}, {0, 1, 3}, {0, 2, 3}}, true);

        try (BprModel model = train(train, config, tables, DotHead::new)) {
            assertThat(model.history().epochs().get(0).loss()).isCloseTo(loss / 3, within(1e-6));
            assertRows(model.userEmbedding().historyTable(), ref.qh, 1e-6, "q'");
            assertRows(model.itemTable(), ref.q, 1e-6, "q");
            // q'_3 is in no history: untouched.
            float[] h = model.userEmbedding().historyTable();
            assertThat(new float[] {h[9], h[10], h[11]}).containsExactly(0.4f, 0.4f, 0.4f);
        }
    }

    @Test
    void svdppStepUpdatesUserVectorAndHistory() {
        Interactions train = interactions(4, new int[] {0, 1, 2}, new int[] {1});
        double[][] p = {{0.05, -0.1}, {0.2, 0.1}};
        double[][] qh = {{0.2, -0.1}, {0.3, 0.2}, {-0.25, 0.1}, {0.1, 0.3}};
        double[][] q = {{0.1, 0.3}, {-0.3, 0.05}, {0.15, -0.1}, {0.2, -0.25}};
        // User 0's negative is always item 3; user 1's (who has item 1 only) is one of 0, 2, 3: the step must
        // match the reference for one of them. User 1's target is their whole history: f(u) = p_u there.
        BprConfig config = config(2, 8, 0.1, 0.05, 0.01, 0.01, 0.0);
        EmbeddingTables tables = EmbeddingTables.of(UserEmbeddingKind.SVDPP, 2, 0.5f, 2, 4, flat(p), flat(qh), flat(q),
                INITIAL);
        try (BprModel model = train(train, config, tables, DotHead::new)) {
            List<String> mismatches = new ArrayList<>();
            for (int j1 : new int[] {0, 2, 3}) {
                Reference ref = new Reference(UserEmbeddingKind.SVDPP, 0.5, new int[][] {{0, 1, 2}, {1}}, p, qh, q, null);
                ref.lambdaUser = 0.01;
                ref.lambdaItem = 0.01;
                ref.lr = 0.1;
                double loss = ref.step(new int[][] {{0, 0, 3}, {0, 1, 3}, {0, 2, 3}, {1, 1, j1}}, true);
                if (Math.abs(model.history().epochs().get(0).loss() - loss / 4) < 1e-6
                        && close(model.userEmbedding().userTable(), ref.p) && close(model.itemTable(), ref.q)
                        && close(model.userEmbedding().historyTable(), ref.qh)) {
                    assertRows(model.userEmbedding().userTable(), ref.p, 1e-6, "p");
                    assertRows(model.userEmbedding().historyTable(), ref.qh, 1e-6, "q'");
                    assertRows(model.itemTable(), ref.q, 1e-6, "q");
                    return;
                }
                mismatches.add("j=" + j1 + ": loss " + loss / 4);
            }
            throw new AssertionError("the SVD++ step matches the reference for no negative of user 1: " + mismatches
                    + "; trainer loss " + model.history().epochs().get(0).loss());
        }
    }

    private static boolean close(float[] actual, double[][] expected) {
        int dim = expected[0].length;
        for (int r = 0; r < expected.length; r++) {
            for (int d = 0; d < dim; d++) {
                if (Math.abs(actual[r * dim + d] - expected[r][d]) > 1e-6) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void headWeightsAreUpdatedWithTheirOwnLearningRateAndFreshGradientsEachStep() {
        // ŷ = Σ w_d u_d v_d (GMF's form) with λ4 on w. User 0 has items 0 and 1 of three: the negative is
        // always 2, the two triplets run as two batches of one, in a random order.
        Interactions train = interactions(3, new int[] {0, 1}, new int[] {});
        double[][] p = {{0.4, -0.3}, {0.1, 0.1}};
        double[][] q = {{0.2, 0.5}, {-0.4, 0.3}, {0.3, -0.2}};
        double[] w = {1.5, -0.5};
        BprConfig config = config(2, 1, 0.05, 0.2, 0.01, 0.01, 0.1);
        EmbeddingTables tables = EmbeddingTables.of(UserEmbeddingKind.MF, 2, 0.5f, 2, 3, flat(p), null, flat(q), INITIAL);
        try (BprModel model = train(train, config, tables, () -> new WeightedDotHead(w))) {
            float[] trainedW = model.head().weights().get("output_weight");
            List<Reference> orders = new ArrayList<>();
            for (int[][] order : new int[][][] {{{0, 0, 2}, {0, 1, 2}}, {{0, 1, 2}, {0, 0, 2}}}) {
                Reference ref = new Reference(UserEmbeddingKind.MF, 0.5, new int[][] {{0, 1}, {}}, p, null, q, w);
                ref.lambdaUser = 0.01;
                ref.lambdaItem = 0.01;
                ref.lambdaOutput = 0.1;
                ref.lr = 0.05;
                ref.lrNetwork = 0.2;
                ref.step(new int[][] {order[0]}, true);
                ref.step(new int[][] {order[1]}, true);
                orders.add(ref);
            }
            assertThat(orders.get(0).w[0]).isNotCloseTo(orders.get(1).w[0], within(1e-6));
            Reference matching = Math.abs(trainedW[0] - orders.get(0).w[0]) < Math.abs(trainedW[0] - orders.get(1).w[0])
                    ? orders.get(0) : orders.get(1);
            assertThat(model.history().epochs().get(0).loss()).isCloseTo(matching.totalLoss / 2, within(1e-6));
            assertThat((double) trainedW[0]).isCloseTo(matching.w[0], within(1e-6));
            assertThat((double) trainedW[1]).isCloseTo(matching.w[1], within(1e-6));
            assertRows(model.userEmbedding().userTable(), matching.p, 1e-6, "p");
            assertRows(model.itemTable(), matching.q, 1e-6, "q");
        }
    }

    /** ŷ = Σ_d w_d u_d v_d with {@code output_weight} w (1, D) starting at the given values. */
    static final class WeightedDotHead implements Head {
        private final double[] initial;
        private final WeightedDotBlock block;

        WeightedDotHead(double[] initial) {
            this.initial = initial;
            this.block = new WeightedDotBlock(initial.length);
        }

        @Override
        public String type() {
            return "weighted-dot";
        }

        @Override
        public Block block() {
            return block;
        }

        @Override
        public Map<String, Object> architecture() {
            return Map.of("interaction", "weighted-dot");
        }

        @Override
        public void initialize(NDManager manager, int dim, SplittableRandom rnd) {
            allocate(manager, dim);
            float[] v = new float[initial.length];
            for (int d = 0; d < v.length; d++) {
                v[d] = (float) initial[d];
            }
            block.getParameters().get(0).getValue().getArray().set(v);
        }
    }

    private static final class WeightedDotBlock extends AbstractBlock {
        private final Parameter w;

        WeightedDotBlock(int dim) {
            w = addParameter(Parameter.builder().setName("output_weight").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(1, dim)).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray x = inputs.get(0).mul(inputs.get(1));
            NDArray weight = store.getValue(w, x.getDevice(), training);
            return new NDList(x.matMul(weight.transpose()).reshape(x.getShape().get(0)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0))};
        }
    }

    // ------------------------------------------------------------------ numerical stability

    @Test
    void lossIsFiniteForLargeScoreDifferences() {
        Interactions train = interactions(3, new int[] {0}, new int[] {});
        BprConfig config = config(2, 1, 0.05, 0.05, 0, 0, 0);
        // p_0 = (10, 0); q_0 = (−5, 0), q_1 = q_2 = (5, 0): ŷ_ui − ŷ_uj = −100, loss = softplus(100) ≈ 100.
        EmbeddingTables wrong = EmbeddingTables.of(UserEmbeddingKind.MF, 2, 0.5f, 2, 3, new float[] {10, 0, 0, 0}, null,
                new float[] {-5, 0, 5, 0, 5, 0}, INITIAL);
        try (BprModel model = train(train, config, wrong, DotHead::new)) {
            double loss = model.history().epochs().get(0).loss();
            assertThat(loss).isFinite().isCloseTo(100.0, within(1e-3));
            for (float v : model.itemTable()) {
                assertThat(v).isFinite();
            }
            for (float v : model.userEmbedding().userTable()) {
                assertThat(v).isFinite();
            }
        }
        // q_0 = (5, 0), q_1 = q_2 = (−5, 0): the difference is +100, loss = softplus(−100) ≈ 0.
        EmbeddingTables right = EmbeddingTables.of(UserEmbeddingKind.MF, 2, 0.5f, 2, 3, new float[] {10, 0, 0, 0}, null,
                new float[] {5, 0, -5, 0, -5, 0}, INITIAL);
        try (BprModel model = train(train, config, right, DotHead::new)) {
            double loss = model.history().epochs().get(0).loss();
            assertThat(loss).isFinite().isGreaterThanOrEqualTo(0.0).isLessThan(1e-6);
            for (float v : model.itemTable()) {
                assertThat(v).isFinite();
            }
        }
    }

    // ------------------------------------------------------------------ the pieces, one by one

    @Test
    void updateRowIsAdagradWithTheGivenAccumulator() {
        float[] table = {9f, 1.0f, -2.0f, 9f};
        float[] acc = {0.1f, 0.1f, 0.1f, 0.1f};
        float[] grad = {7f, 0.5f, -0.2f};
        Adagrad.updateRow(table, acc, 1, grad, 1, 2, 0.1f);
        // h = 0.1 + 0.25 = 0.35 → 1 − 0.1·0.5/√0.35; h = 0.1 + 0.04 = 0.14 → −2 + 0.1·0.2/√0.14.
        assertThat((double) acc[1]).isCloseTo(0.35, within(1e-7));
        assertThat((double) acc[2]).isCloseTo(0.14, within(1e-7));
        assertThat((double) table[1]).isCloseTo(1 - 0.05 / Math.sqrt(0.35), within(1e-6));
        assertThat((double) table[2]).isCloseTo(-2 + 0.02 / Math.sqrt(0.14), within(1e-6));
        assertThat(table[0]).isEqualTo(9f);
        assertThat(table[3]).isEqualTo(9f);
        assertThat(acc[0]).isEqualTo(0.1f);
        // A second step accumulates: h = 0.35 + 0.09.
        double before = table[1];
        Adagrad.updateRow(table, acc, 1, new float[] {0.3f, 0f}, 0, 2, 0.1f);
        assertThat((double) acc[1]).isCloseTo(0.44, within(1e-6));
        assertThat((double) table[1]).isCloseTo(before - 0.1 * 0.3 / Math.sqrt(0.44), within(1e-6));
        // A zero gradient changes nothing.
        assertThat((double) acc[2]).isCloseTo(0.14, within(1e-7));
    }

    @Test
    void applyGradientsSendsCoefficientTimesUserGradientToEveryHistoryRowButTheTarget() {
        Interactions train = interactions(5, new int[] {0, 1, 2}, new int[] {3});
        Histories histories = Histories.recent(train, 10);
        int dim = 3;
        float[] qh = new float[5 * dim];
        float[] q = new float[5 * dim];
        for (int k = 0; k < qh.length; k++) {
            qh[k] = (float) Math.sin(k + 1) * 0.3f;
            q[k] = (float) Math.cos(k + 1) * 0.3f;
        }
        EmbeddingTables tables = EmbeddingTables.of(UserEmbeddingKind.FISM, dim, 0.5f, 2, 5, null, qh, q, INITIAL);
        UserEmbedding f = tables.userEmbedding();
        int target = 1;
        float[] fu = new float[dim];
        float c = f.embed(0, histories.items(), histories.from(0), histories.to(0), target, fu, 0);
        assertThat((double) c).isCloseTo(1 / Math.sqrt(2), within(1e-7));

        // dL/df(u) = g: finite differences of L(q') = g · f(u; q') give dL/dq'_t = c·g for t ≠ target, 0 for it.
        float[] g = {0.4f, -0.3f, 0.2f};
        float[] gi = {0.1f, 0.2f, -0.1f};
        double[][] fd = new double[5][dim];
        for (int t = 0; t < 5; t++) {
            for (int d = 0; d < dim; d++) {
                float[] plus = qh.clone();
                float[] minus = qh.clone();
                plus[t * dim + d] += 1e-2f;
                minus[t * dim + d] -= 1e-2f;
                double lp = dot(g, new UserEmbedding(UserEmbeddingKind.FISM, dim, 0.5f, null, plus)
                        .embed(0, histories.items(), 3, target, new float[dim]));
                double lm = dot(g, new UserEmbedding(UserEmbeddingKind.FISM, dim, 0.5f, null, minus)
                        .embed(0, histories.items(), 3, target, new float[dim]));
                fd[t][d] = (lp - lm) / 2e-2;
            }
        }
        for (int d = 0; d < dim; d++) {
            assertThat(fd[0][d]).isCloseTo(c * g[d], within(1e-4));
            assertThat(fd[2][d]).isCloseTo(c * g[d], within(1e-4));
            assertThat(fd[1][d]).isCloseTo(0.0, within(1e-6));
            assertThat(fd[3][d]).isCloseTo(0.0, within(1e-6));
            assertThat(fd[4][d]).isCloseTo(0.0, within(1e-6));
        }

        tables.applyGradients(new int[] {0}, new int[] {target}, new float[] {c}, 1, g, gi, histories, 0.1f);
        EmbeddingTables.Snapshot s = tables.snapshot();
        for (int t = 0; t < 5; t++) {
            for (int d = 0; d < dim; d++) {
                double grad = t == 0 || t == 2 ? c * g[d] : 0;
                double expected = grad == 0 ? qh[t * dim + d]
                        : qh[t * dim + d] - 0.1 * grad / (Math.sqrt(0.1 + grad * grad) + EPS);
                assertThat((double) s.history()[t * dim + d]).as("q'[%d][%d]", t, d).isCloseTo(expected, within(1e-5));
                double expectedQ = t == target ? q[t * dim + d] - 0.1 * gi[d] / Math.sqrt(0.1 + gi[d] * gi[d]) : q[t * dim + d];
                assertThat((double) s.item()[t * dim + d]).as("q[%d][%d]", t, d).isCloseTo(expectedQ, within(1e-6));
            }
        }
        assertThat(s.user()).isNull();

        // The buffers were cleared and the accumulators kept: a second call with the same gradient moves
        // q'_0 by lr·cg/√(0.1 + 2(cg)²) and leaves q'_1 alone again.
        tables.applyGradients(new int[] {0}, new int[] {target}, new float[] {c}, 1, g, gi, histories, 0.1f);
        EmbeddingTables.Snapshot s2 = tables.snapshot();
        for (int d = 0; d < dim; d++) {
            double cg = c * g[d];
            assertThat((double) s2.history()[d]).isCloseTo(s.history()[d] - 0.1 * cg / Math.sqrt(0.1 + 2 * cg * cg),
                    within(1e-5));
            assertThat(s2.history()[dim + d]).isEqualTo(qh[dim + d]);
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            s += (double) a[d] * b[d];
        }
        return s;
    }

    @Test
    void djlAdagradMatchesHandValuesOnAThreadThatDidNotLoadTheEngine() throws Exception {
        Engine.getInstance(); // loaded here; PyTorch's grad mode is per thread and on by default elsewhere
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                djlAdagradMatchesHandValues();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "not-the-engine-thread");
        t.start();
        t.join(30_000);
        if (failure.get() != null) {
            throw new AssertionError("Adagrad.update failed off the engine's thread", failure.get());
        }
        djlAdagradMatchesHandValues();
    }

    private static void djlAdagradMatchesHandValues() {
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
                Adagrad adagrad = Adagrad.create(0.2f, 0.1f)) {
            NDArray weight = manager.create(new float[] {1f, -1f, 0.5f});
            weight.setRequiresGradient(true); // as a block parameter is
            adagrad.update("w", weight, manager.create(new float[] {0.5f, -0.2f, 0f}));
            float[] w1 = weight.toFloatArray();
            assertThat((double) w1[0]).isCloseTo(1 - 0.2 * 0.5 / Math.sqrt(0.35), within(1e-6));
            assertThat((double) w1[1]).isCloseTo(-1 + 0.2 * 0.2 / Math.sqrt(0.14), within(1e-6));
            assertThat(w1[2]).isEqualTo(0.5f);
            adagrad.update("w", weight, manager.create(new float[] {0.3f, 0f, 1f}));
            float[] w2 = weight.toFloatArray();
            assertThat((double) w2[0]).isCloseTo(w1[0] - 0.2 * 0.3 / Math.sqrt(0.44), within(1e-6));
            assertThat(w2[1]).isEqualTo(w1[1]);
            assertThat((double) w2[2]).isCloseTo(0.5 - 0.2 / Math.sqrt(1.1), within(1e-6));
            // Same rule as the tables' updateRow.
            float[] table = {1f, -1f, 0.5f};
            float[] acc = {0.1f, 0.1f, 0.1f};
            Adagrad.updateRow(table, acc, 0, new float[] {0.5f, -0.2f, 0f}, 0, 3, 0.2f);
            Adagrad.updateRow(table, acc, 0, new float[] {0.3f, 0f, 1f}, 0, 3, 0.2f);
            assertThat(table).containsExactly(w2, org.assertj.core.data.Offset.offset(1e-6f));
            assertThat(adagrad.learningRate()).isEqualTo(0.2f);
        }
    }
}
