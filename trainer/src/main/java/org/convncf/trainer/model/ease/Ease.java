package org.convncf.trainer.model.ease;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.model.Algorithm;
import org.convncf.trainer.model.HyperParameters;
import org.convncf.trainer.model.Model;
import org.convncf.trainer.model.TrainingContext;
import org.convncf.trainer.model.TrainingException;
import org.convncf.trainer.model.bpr.Devices;
import org.convncf.trainer.model.knn.Adjacency;
import org.convncf.trainer.model.knn.Parallel;

/**
 * EASE^R (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): a linear
 * item-item autoencoder with a zero diagonal and the closed form
 * <pre>  G = XᵀX + λI,   P = G⁻¹,   B[i, j] = −P[i, j] / P[j, j]  (i ≠ j),   B[j, j] = 0</pre>
 * and {@code score(u, j) = Σ_{i ∈ R_u} B[i, j]} (X_u · B). G is counted sparsely from
 * co-occurrences into a dense float matrix; the inverse runs in the engine (PyTorch through DJL) on
 * the configured device, in an {@link NDManager} closed before {@code fit} returns; B is kept as a
 * plain row-major {@code float[]}.
 *
 * <p>B is dense: n items need n² floats for B alone and about three such matrices while fitting.
 * {@code fit} refuses, before allocating anything, when n exceeds {@value #MAX_ITEMS} (a Java array's
 * limit) or when 3 · n² · 4 bytes exceed 60% of the JVM's maximum heap; e.g. gowalla's 40,981 items
 * would need 20 GB.
 */
public final class Ease implements Algorithm<Ease.Config> {

    /** The most items whose n × n matrix fits one Java array. */
    public static final int MAX_ITEMS = 46_340;

    /** Share of the maximum heap the three n × n float matrices may take. */
    static final double MEMORY_SHARE = 0.6;

    /**
     * EASE^R hyper-parameters.
     *
     * @param lambda L2 regularisation λ added to the diagonal of the Gram matrix (default 500;
     *               Steck tuned values of a few hundred to about a thousand on ML-20M, Netflix and
     *               MSD; Ferrari Dacrema et al. default to 1000 and search it)
     */
    public record Config(double lambda) {

        public Config {
            if (!(lambda > 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("lambda must be a finite number > 0, got " + lambda);
            }
        }
    }

    private final long maxMemory;

    public Ease() {
        this(Runtime.getRuntime().maxMemory());
    }

    /** For tests: a memory budget other than this JVM's. */
    Ease(long maxMemoryBytes) {
        this.maxMemory = maxMemoryBytes;
    }

    @Override
    public String name() {
        return "ease";
    }

    @Override
    public String description() {
        return "EASE^R: closed-form linear autoencoder with zero diagonal (dense item x item)";
    }

    @Override
    public Config defaults() {
        return new Config(500.0);
    }

    /** Bytes of the three dense n × n float matrices fitting needs. */
    static long requiredBytes(int numItems) {
        return 3L * numItems * numItems * Float.BYTES;
    }

    /** Throws when a dense item × item model of {@code numItems} items does not fit. */
    void checkMemory(int numItems) {
        if (numItems > MAX_ITEMS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "ease needs a dense item x item matrix; %,d items exceed its limit of %,d items (%s per matrix). "
                            + "Use itemknn or rp3b for catalogues this large.",
                    numItems, MAX_ITEMS, bytes((long) numItems * numItems * Float.BYTES)));
        }
        long need = requiredBytes(numItems);
        long budget = (long) (maxMemory * MEMORY_SHARE);
        if (need > budget) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "ease needs a dense item x item matrix: %,d items need about %s (3 x n^2 floats), more than "
                            + "%.0f%% of the maximum heap (%s of %s). Raise -Xmx or use itemknn or rp3b.",
                    numItems, bytes(need), MEMORY_SHARE * 100, bytes(budget), bytes(maxMemory)));
        }
    }

    private static String bytes(long b) {
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", b / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%.1f MiB", b / (double) (1L << 20));
    }

    @Override
    public Model fit(Interactions train, Config config, TrainingContext context) {
        int n = train.numItems();
        checkMemory(n);
        Adjacency userItems = Adjacency.userItems(train);
        Adjacency itemUsers = userItems.transpose();
        int threads = context.compute().threads();

        // The Gram matrix is only referenced inside the call, so it can be collected once copied to the engine.
        float[] b = invert(gram(userItems, itemUsers, (float) config.lambda(), threads), n, context);
        float[] diag = new float[n];
        for (int j = 0; j < n; j++) {
            diag[j] = b[j * n + j];
            if (!(diag[j] > 0) || !Float.isFinite(diag[j])) {
                throw new TrainingException("ease: the inverse of XᵀX + λI has a non-positive or non-finite diagonal ("
                        + diag[j] + " at item " + j + "); try a larger lambda");
            }
        }
        Parallel.forRows(n, threads, () -> null, (unused, i) -> {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                b[row + j] = -b[row + j] / diag[j];
            }
            b[row + i] = 0f;
        });
        return new EaseModel(HyperParameters.toMap(config), userItems, b, n);
    }

    /** G = XᵀX + λI, row-major; row i counted from the users of item i (integer counts: exact in float). */
    static float[] gram(Adjacency userItems, Adjacency itemUsers, float lambda, int threads) {
        int n = itemUsers.rows();
        float[] gram = new float[n * n];
        Parallel.forRows(n, threads, () -> null, (unused, i) -> {
            int row = i * n;
            for (int p = itemUsers.start(i); p < itemUsers.end(i); p++) {
                int u = itemUsers.col(p);
                for (int q = userItems.start(u); q < userItems.end(u); q++) {
                    gram[row + userItems.col(q)] += 1f;
                }
            }
            gram[row + i] += lambda;
        });
        return gram;
    }

    private static float[] invert(float[] gram, int n, TrainingContext context) {
        if (n == 0) {
            return new float[0];
        }
        Device device = Devices.resolve(context.compute());
        try (NDManager manager = NDManager.newBaseManager(device)) {
            NDArray g = manager.create(gram, new Shape(n, n));
            gram = null; // the engine holds its own copy; let the heap one go before P comes back
            return g.inverse().toFloatArray();
        }
    }

    /**
     * A fitted EASE^R: B as a row-major n × n {@code float[]}. Full ranking adds the rows of the
     * user's items (O(profile × n)); a pair sums one column over the profile. Both add in ascending
     * source order, so a pair scores bit-identically either way. Immutable and thread-safe.
     */
    public static final class EaseModel implements Model {
        private final Map<String, Object> hyperParameters;
        private final Adjacency profiles;
        private final float[] b;
        private final int n;

        EaseModel(Map<String, Object> hyperParameters, Adjacency profiles, float[] b, int n) {
            this.hyperParameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperParameters));
            this.profiles = profiles;
            this.b = b;
            this.n = n;
        }

        public int numItems() {
            return n;
        }

        /** B[i, j]. */
        public float weight(int i, int j) {
            return b[i * n + j];
        }

        @Override
        public void scoreAllItems(int user, float[] out) {
            Arrays.fill(out, 0f);
            for (int p = profiles.start(user); p < profiles.end(user); p++) {
                int row = profiles.col(p) * n;
                for (int j = 0; j < n; j++) {
                    out[j] += b[row + j];
                }
            }
        }

        @Override
        public void scorePairs(int[] users, int[] items, int count, float[] out) {
            for (int t = 0; t < count; t++) {
                int user = users[t];
                int j = items[t];
                float s = 0f;
                for (int p = profiles.start(user); p < profiles.end(user); p++) {
                    s += b[profiles.col(p) * n + j];
                }
                out[t] = s;
            }
        }

        @Override
        public String algorithm() {
            return "ease";
        }

        @Override
        public Map<String, Object> hyperParameters() {
            return hyperParameters;
        }
    }
}
