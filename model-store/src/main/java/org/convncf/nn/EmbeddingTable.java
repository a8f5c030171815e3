package org.convncf.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A trainable embedding table: input {@code NDList(ids)} of any shape (int64), output the rows of
 * the table at those ids, shape {@code ids.shape + (dim)}. The parameter is named
 * {@code <name>}; its layout (rows, dim) is the model store's.
 */
public final class EmbeddingTable extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int rows;
    private final int dim;
    private final Parameter table;

    public EmbeddingTable(String name, int rows, int dim) {
        super(VERSION);
        if (rows < 1 || dim < 1) {
            throw new IllegalArgumentException("embedding table " + name + " needs rows >= 1 and dim >= 1");
        }
        this.rows = rows;
        this.dim = dim;
        this.table = addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(rows, dim)).build());
    }

    public int rows() {
        return rows;
    }

    public int dim() {
        return dim;
    }

    public Parameter parameter() {
        return table;
    }

    /** Rows of {@code table} at {@code ids}, shape {@code ids.shape + (dim)}. */
    public static NDArray lookup(NDArray table, NDArray ids) {
        Shape idShape = ids.getShape();
        NDArray flat = table.get(new NDIndex("{}", ids.flatten()));
        return flat.reshape(idShape.addAll(new Shape(table.getShape().get(1))));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray ids = inputs.singletonOrThrow();
        return new NDList(lookup(store.getValue(table, ids.getDevice(), training), ids));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].addAll(new Shape(dim))};
    }
}
