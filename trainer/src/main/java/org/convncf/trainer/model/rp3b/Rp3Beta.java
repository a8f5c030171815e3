package org.convncf.trainer.model.rp3b;

import java.util.Arrays;
import org.convncf.rank.TopKHeap;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.model.Algorithm;
import org.convncf.trainer.model.HyperParameters;
import org.convncf.trainer.model.Model;
import org.convncf.trainer.model.TrainingContext;
import org.convncf.trainer.model.knn.Adjacency;
import org.convncf.trainer.model.knn.ItemItemModel;
import org.convncf.trainer.model.knn.Neighbours;
import org.convncf.trainer.model.knn.Parallel;

/**
 * RP3β (Christoffel et al. 2015; Paudel et al. 2016), as implemented by Ferrari Dacrema et al.
 * (RecSys 2019 {@code RP3betaRecommender}): a three-step random walk item → user → item on the
 * binary training graph, re-weighted against popular targets. With the row-normalised transition
 * probabilities P_iu = 1/|U_i| (item → user) and P_uj = 1/|R_u| (user → item), each raised to α,
 * <pre>  W[i, j] = (Σ_{u ∈ U_i ∩ U_j} P_iu^α · P_uj^α) / |U_j|^β,   W[i, i] = 0</pre>
 * where |U_j| is the popularity of the <em>target</em> item j. Each source row i keeps its
 * {@code topK} largest entries; with {@code normalize} the kept row is then divided by its sum
 * (L1); finally each target column j keeps its {@code topK} largest entries (ties: lower id
 * throughout). {@code score(u, j) = Σ_{i ∈ R_u} W[i, j]}. Computed sparsely from co-occurrences, in
 * parallel over source items.
 */
public final class Rp3Beta implements Algorithm<Rp3Beta.Config> {

    /**
     * RP3β hyper-parameters.
     *
     * @param alpha     exponent of the transition probabilities (default 1.0: plain P3)
     * @param beta      popularity penalty: divide by the target's popularity^β (default 0.6;
     *                  0 disables it)
     * @param topK      entries kept per source row and then per target column (default 100)
     * @param normalize L1-normalise each source row after its top-k cut (default true, the
     *                  reference's {@code normalize_similarity})
     */
    public record Config(double alpha, double beta, int topK, boolean normalize) {

        public Config {
            if (!(alpha > 0) || Double.isInfinite(alpha)) {
                throw new IllegalArgumentException("alpha must be a finite number > 0, got " + alpha);
            }
            if (!(beta >= 0) || Double.isInfinite(beta)) {
                throw new IllegalArgumentException("beta must be a finite number >= 0, got " + beta);
            }
            if (topK < 1) {
                throw new IllegalArgumentException("topK must be >= 1, got " + topK);
            }
        }
    }

    @Override
    public String name() {
        return "rp3b";
    }

    @Override
    public String description() {
        return "RP3beta: item-user-item random walk, popularity^beta penalty, top-k";
    }

    @Override
    public Config defaults() {
        return new Config(1.0, 0.6, 100, true);
    }

    private static final class Scratch {
        final double[] acc;
        final int[] touched;
        final boolean[] seen;
        final TopKHeap top;
        final int[] ids;
        final float[] values;

        Scratch(int items, int k) {
            acc = new double[items];
            touched = new int[items];
            seen = new boolean[items];
            top = new TopKHeap(k);
            ids = new int[k];
            values = new float[k];
        }
    }

    @Override
    public Model fit(Interactions train, Config config, TrainingContext context) {
        Adjacency userItems = Adjacency.userItems(train);
        Adjacency itemUsers = userItems.transpose();
        int numItems = train.numItems();
        int numUsers = train.numUsers();
        double alpha = config.alpha();

        double[] userStep = new double[numUsers]; // P_uj^α = |R_u|^-α
        for (int u = 0; u < numUsers; u++) {
            int d = userItems.degree(u);
            userStep[u] = d == 0 ? 0 : Math.pow(d, -alpha);
        }
        double[] itemStep = new double[numItems]; // P_iu^α = |U_i|^-α
        double[] penalty = new double[numItems]; // |U_j|^-β
        for (int i = 0; i < numItems; i++) {
            int d = itemUsers.degree(i);
            itemStep[i] = d == 0 ? 0 : Math.pow(d, -alpha);
            penalty[i] = d == 0 ? 0 : Math.pow(d, -config.beta());
        }

        int k = Math.min(config.topK(), Math.max(1, numItems));
        int[][] rowIds = new int[numItems][];
        float[][] rowWeights = new float[numItems][];
        Parallel.forRows(numItems, context.compute().threads(), () -> new Scratch(numItems, k), (s, i) -> {
            int touchedCount = 0;
            for (int p = itemUsers.start(i); p < itemUsers.end(i); p++) {
                int u = itemUsers.col(p);
                double step = userStep[u];
                for (int q = userItems.start(u); q < userItems.end(u); q++) {
                    int j = userItems.col(q);
                    if (j == i) {
                        continue;
                    }
                    if (!s.seen[j]) {
                        s.seen[j] = true;
                        s.touched[touchedCount++] = j;
                    }
                    s.acc[j] += step;
                }
            }
            s.top.reset();
            for (int t = 0; t < touchedCount; t++) {
                int j = s.touched[t];
                float w = (float) (itemStep[i] * s.acc[j] * penalty[j]);
                if (w > 0f) {
                    s.top.offer(j, w);
                }
                s.acc[j] = 0;
                s.seen[j] = false;
            }
            int size = s.top.size();
            s.top.drainSortedById(s.ids, s.values);
            if (config.normalize() && size > 0) {
                double sum = 0;
                for (int t = 0; t < size; t++) {
                    sum += s.values[t];
                }
                for (int t = 0; t < size; t++) {
                    s.values[t] = (float) (s.values[t] / sum);
                }
            }
            rowIds[i] = Arrays.copyOf(s.ids, size);
            rowWeights[i] = Arrays.copyOf(s.values, size);
        });
        Neighbours bySource = Neighbours.of(rowIds, rowWeights, numItems);
        Neighbours byTarget = bySource.transpose().keepTopK(k);
        return new ItemItemModel(name(), HyperParameters.toMap(config), userItems, byTarget);
    }
}
