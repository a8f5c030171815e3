package org.convncf.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The trainable form of a {@link UserEmbeddingKind}: input {@code NDList(users (N) int64,
 * history (N, L) int64, mask (N, L) float32)}, output {@code NDList(f(u) (N, K))}.
 *
 * <p>{@code mask} is 1 for a real history entry and 0 for padding and for the target item (the
 * caller masks the target out, which is how "R_u \ {i}" is computed in a batch). Parameters:
 * {@code user_embedding} (numUsers, K) and/or {@code history_embedding} (numItems, K).
 * {@link UserEmbedding} is the same function on plain arrays for serving.
 */
public final class UserEmbeddingBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final UserEmbeddingKind kind;
    private final int dim;
    private final float alpha;
    private final Parameter userTable;
    private final Parameter historyTable;

    public UserEmbeddingBlock(UserEmbeddingKind kind, int numUsers, int numItems, int dim, float alpha) {
        super(VERSION);
        this.kind = kind;
        this.dim = dim;
        this.alpha = alpha;
        this.userTable = kind.usesUserTable() ? addParameter(Parameter.builder().setName(Tensors.USER_EMBEDDING)
                .setType(Parameter.Type.WEIGHT).optShape(new Shape(numUsers, dim)).build()) : null;
        this.historyTable = kind.usesHistory() ? addParameter(Parameter.builder().setName(Tensors.HISTORY_EMBEDDING)
                .setType(Parameter.Type.WEIGHT).optShape(new Shape(numItems, dim)).build()) : null;
    }

    public UserEmbeddingKind kind() {
        return kind;
    }

    public float alpha() {
        return alpha;
    }

    /** p (numUsers, K), or null for FISM. */
    public Parameter userTable() {
        return userTable;
    }

    /** q' (numItems, K), or null for MF. */
    public Parameter historyTable() {
        return historyTable;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray users = inputs.get(0);
        NDArray result = null;
        if (userTable != null) {
            result = EmbeddingTable.lookup(store.getValue(userTable, users.getDevice(), training), users);
        }
        if (historyTable != null) {
            NDArray history = inputs.get(1);
            NDArray mask = inputs.get(2);
            NDArray rows = EmbeddingTable.lookup(store.getValue(historyTable, users.getDevice(), training), history);
            NDArray sum = rows.mul(mask.expandDims(2)).sum(new int[] {1});
            NDArray count = mask.sum(new int[] {1});
            // |R_u \ {i}|^-alpha, and 0 for an empty history (the FISM term vanishes).
            NDArray coefficient = count.maximum(1f).pow(-alpha).mul(count.gt(0f).toType(count.getDataType(), false));
            NDArray fism = sum.mul(coefficient.expandDims(1));
            result = result == null ? fism : result.add(fism);
        }
        return new NDList(result);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), dim)};
    }
}
