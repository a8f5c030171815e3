package org.convncf.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.convncf.rank.HistoryScorer;
import org.convncf.rank.ItemItemWeights;
import org.convncf.rank.UserNeighbours;
import org.convncf.store.ArtifactBuilder;
import org.convncf.store.IdMap;
import org.convncf.store.Manifest;
import org.convncf.store.ModelArtifact;
import org.convncf.store.Tensor;

/**
 * What a model version holds for online recommendation, and the one place that writes and reads it.
 *
 * <ul>
 *   <li>{@code scoring}: f(u) and q of the model that ranks (ConvNCF-X, or a shallow model), with
 *       {@code network} its ConvNCF weights, or null when it scores by dot product;</li>
 *   <li>{@code retrieval}: the cheap dot-product model that generates candidates (the shallow model
 *       ConvNCF was pre-trained from; the scoring model itself when that is a dot product);</li>
 *   <li>or, instead of both, {@code neighbours}: a model that scores every item from the user's items
 *       directly, item-item (the weights of ItemKNN, RP3β or EASE^R) or user-user (UserKNN, whose
 *       profiles are the training histories below);</li>
 *   <li>each training user's training items (FISM/SVD++ embed from the most recent
 *       {@code historyLength} of them, a neighbourhood model scores from them), item popularity, and
 *       the id maps.</li>
 * </ul>
 *
 * <p>Manifest {@code architecture} keys: {@code interaction} ({@code dot}, {@code convncf},
 * {@code itemitem} or {@code useruser}; an item-item model has only {@code algorithm} and
 * {@code historyLength} besides, a user-user model also {@code topK} and {@code shrink}),
 * {@code userEmbedding} ({@code mf}, {@code fism}, {@code svdpp}), {@code embeddingSize},
 * {@code alpha}, {@code historyLength}, and for ConvNCF {@code channels} and {@code layers}; the
 * {@code retrieval} entry holds {@code userEmbedding} and {@code embeddingSize} of the candidate
 * model. Tensors are named by {@link Tensors}.
 *
 * @param scoring        null for an item-item model
 * @param retrieval      null for an item-item model
 * @param neighbours     an item-item or user-user model, else null
 * @param historyOffsets CSR offsets (numUsers + 1) into {@code historyItems}
 * @param historyItems   each training user's training items, oldest first (f(u), or an item-item
 *                       model's scores, use the most recent {@code historyLength}; all of them are
 *                       excluded from recommendations; a user-user model's profiles)
 * @param popularity     training interactions per item
 */
public record ServingModel(String name, String version, IdMap users, IdMap items, Embeddings scoring,
        ConvNcfWeights network, Embeddings retrieval, HistoryScorer neighbours, int historyLength, int[] historyOffsets,
        int[] historyItems, int[] popularity, Manifest manifest) {

    public ServingModel {
        Objects.requireNonNull(users);
        Objects.requireNonNull(items);
        if ((neighbours == null) == (scoring == null) || (scoring == null) != (retrieval == null)) {
            throw new IllegalArgumentException("a served model has either embeddings (scoring and retrieval) or a"
                    + " neighbourhood model, not both");
        }
        int itemRows = neighbours != null ? neighbours.numItems()
                : scoring.numItems() == retrieval.numItems() ? scoring.numItems() : -1;
        if (itemRows != items.size() || popularity.length != items.size()) {
            throw new IllegalArgumentException("item tables and popularity must cover the " + items.size() + " items");
        }
        if (historyOffsets.length != users.size() + 1) {
            throw new IllegalArgumentException("history offsets must cover the " + users.size() + " users");
        }
        if (neighbours instanceof UserNeighbours profiles && profiles.numUsers() != users.size()) {
            throw new IllegalArgumentException("UserKNN profiles must cover the " + users.size() + " users");
        }
        if (network != null && network.embeddingSize() != scoring.dim()) {
            throw new IllegalArgumentException("network expects K=" + network.embeddingSize() + " but f(u) has "
                    + scoring.dim() + " dimensions");
        }
    }

    /** Whether the scoring model is ConvNCF. */
    public boolean isConvNcf() {
        return network != null;
    }

    /**
     * Whether the model scores every item from the user's items directly, item-item or user-user (else
     * from embeddings: ConvNCF or a dot product).
     */
    public boolean isNeighbourhood() {
        return neighbours != null;
    }

    /** Whether the model is user-user (UserKNN). */
    public boolean isUserUser() {
        return neighbours instanceof UserNeighbours;
    }

    /** {@code convncf}, {@code itemitem}, {@code useruser} or {@code dot}: the manifest's {@code interaction}. */
    public String interaction() {
        return isConvNcf() ? "convncf" : isUserUser() ? "useruser" : isNeighbourhood() ? "itemitem" : "dot";
    }

    /** A neighbourhood model's algorithm (e.g. {@code itemknn}), else the user-embedding function's label. */
    public String variant() {
        return isNeighbourhood() ? String.valueOf(manifest.architecture().get("algorithm"))
                : scoring.users().kind().label();
    }

    /** What {@link #write} needs from the trainer. */
    public record Parts(Embeddings scoring, ConvNcfWeights network, Embeddings retrieval, int historyLength,
            int[] historyOffsets, int[] historyItems, int[] popularity) {
    }

    /** Adds the tensors and the {@code architecture} section of {@code parts} to {@code artifact}. */
    public static void write(ArtifactBuilder artifact, Parts parts) {
        Embeddings s = parts.scoring();
        int numItems = s.numItems();
        writeEmbeddings(artifact, "", s);
        Map<String, Object> arch = new LinkedHashMap<>();
        arch.put("interaction", parts.network() == null ? "dot" : "convncf");
        arch.put("userEmbedding", s.users().kind().label());
        arch.put("embeddingSize", s.dim());
        arch.put("alpha", (double) s.users().alpha());
        arch.put("historyLength", parts.historyLength());
        if (parts.network() != null) {
            ConvNcfWeights w = parts.network();
            arch.put("channels", w.channels());
            arch.put("layers", w.layers());
            for (int l = 0; l < w.layers(); l++) {
                artifact.tensor(Tensors.convWeight(l), new long[] {w.channels(), w.inputChannels(l), 2, 2}, w.weight(l));
                artifact.tensor(Tensors.convBias(l), new long[] {w.channels()}, w.bias(l));
            }
            artifact.tensor(Tensors.OUTPUT_WEIGHT, new long[] {1, w.channels()}, w.output());
        }
        Embeddings r = parts.retrieval();
        if (r != s) {
            writeEmbeddings(artifact, Tensors.RETRIEVAL_PREFIX, r);
        }
        Map<String, Object> retrieval = new LinkedHashMap<>();
        retrieval.put("userEmbedding", r.users().kind().label());
        retrieval.put("embeddingSize", r.dim());
        retrieval.put("alpha", (double) r.users().alpha());
        retrieval.put("tensors", r == s ? "scoring" : "retrieval.*");
        arch.put("retrieval", retrieval);
        artifact.architecture(arch);
        writeHistories(artifact, parts.historyOffsets(), parts.historyItems(), parts.popularity());
    }

    /**
     * Adds an item-item model's tensors and {@code architecture} section to {@code artifact}.
     *
     * @param algorithm     the trainer's algorithm name, e.g. {@code itemknn}
     * @param historyLength how many of a user's most recent items the scores are summed over
     */
    public static void writeItemItem(ArtifactBuilder artifact, String algorithm, ItemItemWeights neighbours,
            int historyLength, int[] historyOffsets, int[] historyItems, int[] popularity) {
        Map<String, Object> arch = new LinkedHashMap<>();
        arch.put("interaction", "itemitem");
        arch.put("algorithm", algorithm);
        arch.put("historyLength", historyLength);
        artifact.architecture(arch);
        artifact.tensor(Tensors.ITEM_ITEM_OFFSETS, new long[] {neighbours.offsets().length}, neighbours.offsets());
        artifact.tensor(Tensors.ITEM_ITEM_TARGETS, new long[] {neighbours.size()}, neighbours.targets());
        artifact.tensor(Tensors.ITEM_ITEM_WEIGHTS, new long[] {neighbours.size()}, neighbours.weights());
        writeHistories(artifact, historyOffsets, historyItems, popularity);
    }

    /**
     * Adds a UserKNN model's {@code architecture} section to {@code artifact}; its profiles are the
     * training histories, so it needs no tensor of its own.
     *
     * @param historyItems each training user's distinct training items
     */
    public static void writeUserUser(ArtifactBuilder artifact, String algorithm, int topK, double shrink,
            int historyLength, int[] historyOffsets, int[] historyItems, int[] popularity) {
        new UserNeighbours(historyOffsets, historyItems, popularity.length, topK, shrink); // refuse what read() would
        Map<String, Object> arch = new LinkedHashMap<>();
        arch.put("interaction", "useruser");
        arch.put("algorithm", algorithm);
        arch.put("topK", topK);
        arch.put("shrink", shrink);
        arch.put("historyLength", historyLength);
        artifact.architecture(arch);
        writeHistories(artifact, historyOffsets, historyItems, popularity);
    }

    private static void writeHistories(ArtifactBuilder artifact, int[] historyOffsets, int[] historyItems,
            int[] popularity) {
        long[] offsets = new long[historyOffsets.length];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = historyOffsets[i];
        }
        artifact.tensor(Tensors.HISTORY_OFFSETS, new long[] {offsets.length}, offsets);
        artifact.tensor(Tensors.HISTORY_ITEMS, new long[] {historyItems.length}, historyItems);
        artifact.tensor(Tensors.ITEM_POPULARITY, new long[] {popularity.length}, popularity);
    }

    private static void writeEmbeddings(ArtifactBuilder artifact, String prefix, Embeddings e) {
        UserEmbedding f = e.users();
        if (f.userTable() != null) {
            artifact.tensor(prefix + Tensors.USER_EMBEDDING, new long[] {f.numUsers(), f.dim()}, f.userTable());
        }
        if (f.historyTable() != null) {
            artifact.tensor(prefix + Tensors.HISTORY_EMBEDDING, new long[] {e.numItems(), f.dim()}, f.historyTable());
        }
        artifact.tensor(prefix + Tensors.ITEM_EMBEDDING, new long[] {e.numItems(), f.dim()}, e.itemTable());
    }

    /**
     * Reads a verified artifact.
     *
     * @throws IllegalArgumentException naming what is missing or inconsistent, e.g. an interaction
     *                                  this server cannot run
     */
    public static ServingModel read(ModelArtifact artifact) {
        Map<String, Object> arch = artifact.manifest().architecture();
        String interaction = string(arch, "interaction");
        if (!List.of("dot", "convncf", "itemitem", "useruser").contains(interaction)) {
            throw new IllegalArgumentException("model " + artifact.model() + " uses the '" + interaction
                    + "' interaction; only dot, convncf, itemitem and useruser models can be served");
        }
        int users = artifact.users().size();
        int items = artifact.items().size();
        if (interaction.equals("itemitem")) {
            string(arch, "algorithm");
            int[] offsets = artifact.tensor(Tensors.ITEM_ITEM_OFFSETS).ints();
            if (offsets.length != items + 1) {
                throw new IllegalArgumentException(Tensors.ITEM_ITEM_OFFSETS + " has " + offsets.length + " entries; expected "
                        + (items + 1));
            }
            ItemItemWeights neighbours = new ItemItemWeights(offsets, artifact.tensor(Tensors.ITEM_ITEM_TARGETS).ints(),
                    artifact.tensor(Tensors.ITEM_ITEM_WEIGHTS).floats());
            return withHistories(artifact, arch, null, null, null, h -> neighbours);
        }
        if (interaction.equals("useruser")) {
            string(arch, "algorithm");
            int topK = integer(arch, "topK");
            double shrink = ((Number) require(arch, "shrink")).doubleValue();
            return withHistories(artifact, arch, null, null, null,
                    h -> new UserNeighbours(h.offsets(), h.items(), items, topK, shrink));
        }
        Embeddings scoring = readEmbeddings(artifact, "", arch, users, items);
        ConvNcfWeights network = null;
        if (interaction.equals("convncf")) {
            int k = integer(arch, "embeddingSize");
            int c = integer(arch, "channels");
            int layers = ConvNcfBlock.layersFor(k);
            float[][] w = new float[layers][];
            float[][] b = new float[layers][];
            for (int l = 0; l < layers; l++) {
                w[l] = floats(artifact, Tensors.convWeight(l), c * (l == 0 ? 1 : c) * 4);
                b[l] = floats(artifact, Tensors.convBias(l), c);
            }
            network = new ConvNcfWeights(k, c, w, b, floats(artifact, Tensors.OUTPUT_WEIGHT, c));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) arch.get("retrieval");
        Embeddings retrieval = r == null || "scoring".equals(r.get("tensors"))
                ? scoring : readEmbeddings(artifact, Tensors.RETRIEVAL_PREFIX, r, users, items);
        return withHistories(artifact, arch, scoring, network, retrieval, h -> null);
    }

    /** The training histories as read, for a model built from them. */
    private record Histories(int[] offsets, int[] items) {
    }

    private static ServingModel withHistories(ModelArtifact artifact, Map<String, Object> arch, Embeddings scoring,
            ConvNcfWeights network, Embeddings retrieval, Function<Histories, HistoryScorer> neighbourhood) {
        int users = artifact.users().size();
        int items = artifact.items().size();
        long[] off = artifact.tensor(Tensors.HISTORY_OFFSETS).longs();
        if (off.length != users + 1) {
            throw new IllegalArgumentException(Tensors.HISTORY_OFFSETS + " has " + off.length + " entries; expected " + (users + 1));
        }
        int[] offsets = new int[off.length];
        int[] historyItems = artifact.tensor(Tensors.HISTORY_ITEMS).ints();
        for (int i = 0; i < off.length; i++) {
            if (off[i] < 0 || off[i] > historyItems.length || (i > 0 && off[i] < off[i - 1])) {
                throw new IllegalArgumentException(Tensors.HISTORY_OFFSETS + " is not a valid CSR offset array");
            }
            offsets[i] = (int) off[i];
        }
        for (int item : historyItems) {
            if (item < 0 || item >= items) {
                throw new IllegalArgumentException(Tensors.HISTORY_ITEMS + " holds item " + item + " outside 0.." + (items - 1));
            }
        }
        int[] popularity = artifact.tensor(Tensors.ITEM_POPULARITY).ints();
        HistoryScorer neighbours = neighbourhood.apply(new Histories(offsets, historyItems));
        return new ServingModel(artifact.model(), artifact.version(), artifact.users(), artifact.items(), scoring, network,
                retrieval, neighbours, integer(arch, "historyLength"), offsets, historyItems, popularity,
                artifact.manifest());
    }

    private static Embeddings readEmbeddings(ModelArtifact artifact, String prefix, Map<String, Object> arch, int users,
            int items) {
        UserEmbeddingKind kind = UserEmbeddingKind.parse(string(arch, "userEmbedding"));
        int dim = integer(arch, "embeddingSize");
        float alpha = ((Number) require(arch, "alpha")).floatValue();
        float[] p = kind.usesUserTable() ? floats(artifact, prefix + Tensors.USER_EMBEDDING, users * dim) : null;
        float[] qh = kind.usesHistory() ? floats(artifact, prefix + Tensors.HISTORY_EMBEDDING, items * dim) : null;
        float[] q = floats(artifact, prefix + Tensors.ITEM_EMBEDDING, items * dim);
        return new Embeddings(new UserEmbedding(kind, dim, alpha, p, qh), q);
    }

    private static float[] floats(ModelArtifact artifact, String name, int expected) {
        Tensor t = artifact.tensor(name);
        if (t.size() != expected) {
            throw new IllegalArgumentException("tensor " + name + " has " + t.size() + " values; expected " + expected);
        }
        return t.floats();
    }

    private static Object require(Map<String, Object> arch, String key) {
        Object v = arch.get(key);
        if (v == null) {
            throw new IllegalArgumentException("manifest architecture lacks '" + key + "'");
        }
        return v;
    }

    private static String string(Map<String, Object> arch, String key) {
        return String.valueOf(require(arch, key));
    }

    private static int integer(Map<String, Object> arch, String key) {
        Object v = require(arch, key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("manifest architecture '" + key + "' is not a number: " + v);
        }
        return n.intValue();
    }
}
