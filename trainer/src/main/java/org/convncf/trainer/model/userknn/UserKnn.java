package org.convncf.trainer.model.userknn;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.model.Algorithm;
import org.convncf.trainer.model.HyperParameters;
import org.convncf.trainer.model.Model;
import org.convncf.trainer.model.TrainingContext;
import org.convncf.trainer.model.knn.Adjacency;
import org.convncf.trainer.model.knn.CosineNeighbours;
import org.convncf.trainer.model.knn.Neighbours;

/**
 * UserKNN-CF (Herlocker et al. 1999), the user-based analogue of
 * {@link org.convncf.trainer.model.itemknn.ItemKnn}: cosine similarity with a shrink term between
 * users' binary training profiles,
 * <pre>  sim(u, v) = |R_u ∩ R_v| / (sqrt|R_u| · sqrt|R_v| + shrink)</pre>
 * keeping each user's {@code topK} most similar users N(u) (ties: lower id; never u itself), and
 * {@code score(u, i) = Σ_{v ∈ N(u), i ∈ R_v} sim(u, v)}. Similarities are computed sparsely from
 * co-occurrences, in parallel over users.
 */
public final class UserKnn implements Algorithm<UserKnn.Config> {

    /**
     * UserKNN hyper-parameters.
     *
     * @param topK   neighbour users kept per user (default 100)
     * @param shrink added to the cosine denominator to damp similarities built on few common items
     *               (default 10; 0 is the plain cosine)
     */
    public record Config(int topK, double shrink) {

        public Config {
            if (topK < 1) {
                throw new IllegalArgumentException("topK must be >= 1, got " + topK);
            }
            if (!(shrink >= 0) || Double.isInfinite(shrink)) {
                throw new IllegalArgumentException("shrink must be a finite number >= 0, got " + shrink);
            }
        }
    }

    @Override
    public String name() {
        return "userknn";
    }

    @Override
    public String description() {
        return "UserKNN: top-k user-user cosine with shrink over co-occurrences";
    }

    @Override
    public Config defaults() {
        return new Config(100, 10.0);
    }

    @Override
    public Model fit(Interactions train, Config config, TrainingContext context) {
        Adjacency userItems = Adjacency.userItems(train);
        Adjacency itemUsers = userItems.transpose();
        Neighbours neighbours = CosineNeighbours.compute(userItems, itemUsers, config.topK(), config.shrink(),
                context.compute().threads());
        return new UserKnnModel(config, userItems, neighbours);
    }

    /**
     * A fitted UserKNN. Full ranking adds each neighbour's weight over its profile:
     * O(Σ_{v ∈ N(u)} |R_v|). A pair sums the neighbours that hold the item (binary search per
     * neighbour). Both add the same weights in the same order (ascending neighbour id), so a pair
     * scores bit-identically either way. Immutable and thread-safe.
     */
    public static final class UserKnnModel implements Model {
        private final Config config;
        private final Map<String, Object> hyperParameters;
        private final Adjacency profiles;
        private final Neighbours neighbours;

        UserKnnModel(Config config, Adjacency profiles, Neighbours neighbours) {
            this.config = config;
            this.hyperParameters = Collections.unmodifiableMap(new LinkedHashMap<>(HyperParameters.toMap(config)));
            this.profiles = profiles;
            this.neighbours = neighbours;
        }

        /** The hyper-parameters it was fitted with. */
        public Config config() {
            return config;
        }

        /** User → kept neighbour users (ascending) with sim(u, v). */
        public Neighbours neighbours() {
            return neighbours;
        }

        /** sim(u, v) if v is one of u's kept neighbours, else 0. */
        public float similarity(int u, int v) {
            return neighbours.weight(u, v);
        }

        @Override
        public void scoreAllItems(int user, float[] out) {
            Arrays.fill(out, 0f);
            accumulate(user, out);
        }

        private void accumulate(int user, float[] out) {
            for (int q = neighbours.start(user); q < neighbours.end(user); q++) {
                int v = neighbours.id(q);
                float w = neighbours.weight(q);
                for (int p = profiles.start(v); p < profiles.end(v); p++) {
                    out[profiles.col(p)] += w;
                }
            }
        }

        private void clear(int user, float[] out) {
            for (int q = neighbours.start(user); q < neighbours.end(user); q++) {
                int v = neighbours.id(q);
                for (int p = profiles.start(v); p < profiles.end(v); p++) {
                    out[profiles.col(p)] = 0f;
                }
            }
        }

        @Override
        public void scorePairs(int[] users, int[] items, int n, float[] out) {
            float[] scratch = null;
            int k = 0;
            while (k < n) {
                int user = users[k];
                int end = k + 1;
                while (end < n && users[end] == user) {
                    end++;
                }
                int run = end - k;
                long accumulateCost = 0;
                long directCost = 0;
                for (int q = neighbours.start(user); q < neighbours.end(user); q++) {
                    int degree = profiles.degree(neighbours.id(q));
                    accumulateCost += degree;
                    directCost += 1 + 32 - Integer.numberOfLeadingZeros(degree);
                }
                if (2 * accumulateCost + run < (long) run * directCost) {
                    if (scratch == null) {
                        scratch = new float[profiles.numCols()];
                    }
                    accumulate(user, scratch);
                    for (int t = k; t < end; t++) {
                        out[t] = scratch[items[t]];
                    }
                    clear(user, scratch);
                } else {
                    for (int t = k; t < end; t++) {
                        out[t] = pairScore(user, items[t]);
                    }
                }
                k = end;
            }
        }

        private float pairScore(int user, int item) {
            float s = 0f;
            for (int q = neighbours.start(user); q < neighbours.end(user); q++) {
                if (profiles.contains(neighbours.id(q), item)) {
                    s += neighbours.weight(q);
                }
            }
            return s;
        }

        @Override
        public String algorithm() {
            return "userknn";
        }

        @Override
        public Map<String, Object> hyperParameters() {
            return hyperParameters;
        }
    }
}
