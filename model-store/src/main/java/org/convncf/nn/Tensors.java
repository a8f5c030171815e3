package org.convncf.nn;

/**
 * Names of the tensors in a model version's {@code tensors.safetensors}: the same names as the DJL
 * parameters that hold them during training.
 */
public final class Tensors {

    /** p: (numUsers, K), per-user vectors (MF, SVD++). */
    public static final String USER_EMBEDDING = "user_embedding";
    /** q': (numItems, K), the history-item table (FISM, SVD++). */
    public static final String HISTORY_EMBEDDING = "history_embedding";
    /** q: (numItems, K), the target-item table. */
    public static final String ITEM_EMBEDDING = "item_embedding";
    /** Training interactions per item (I32, numItems): popularity for fallbacks and candidates. */
    public static final String ITEM_POPULARITY = "item_popularity";
    /** CSR offsets (I64, numUsers + 1) of each training user's training items. */
    public static final String HISTORY_OFFSETS = "history_offsets";
    /** CSR items (I32), oldest first within a user. */
    public static final String HISTORY_ITEMS = "history_items";
    /** Item-item weights W as CSR by source item: row offsets (I32, numItems + 1). */
    public static final String ITEM_ITEM_OFFSETS = "item_item.offsets";
    /** Target item of each kept weight (I32). */
    public static final String ITEM_ITEM_TARGETS = "item_item.targets";
    /** W[source, target] of each kept weight (F32). */
    public static final String ITEM_ITEM_WEIGHTS = "item_item.weights";
    /** Prefix of the candidate-generation (retrieval) model's tables, e.g. {@code retrieval.item_embedding}. */
    public static final String RETRIEVAL_PREFIX = "retrieval.";

    private Tensors() {
    }

    /** Name of ConvNCF layer {@code l}'s (0-based) kernel. */
    public static String convWeight(int layer) {
        return ConvNcfBlock.weightName(layer);
    }

    /** Name of ConvNCF layer {@code l}'s (0-based) bias. */
    public static String convBias(int layer) {
        return ConvNcfBlock.biasName(layer);
    }

    /** Name of the ConvNCF output weight w. */
    public static final String OUTPUT_WEIGHT = "output_weight";
}
