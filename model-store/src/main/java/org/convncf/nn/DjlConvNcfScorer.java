package org.convncf.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;

/**
 * The reference scorer: the {@link ConvNcfBlock} on the DJL engine, in chunks whose native
 * temporaries are released as soon as the chunk is scored.
 */
public final class DjlConvNcfScorer implements ConvNcfScorer {

    /** Pairs per engine call: small enough that no temporary tensor is large enough for the C
     * allocator to map and unmap it on every call (page faults dominated larger chunks here). */
    static final int CHUNK = 64;

    private final NDManager manager;
    private final ConvNcfBlock block;
    private final ParameterStore store;
    private final int dim;

    public DjlConvNcfScorer(ConvNcfWeights weights, Device device) {
        this.manager = NDManager.newBaseManager(device);
        this.block = new ConvNcfBlock(weights.embeddingSize(), weights.channels());
        this.block.initialize(manager, weights);
        // Inference only: without this, a request thread (where PyTorch's grad mode is on by default)
        // would record an autograd graph for every call.
        block.getParameters().forEach(p -> p.getValue().getArray().setRequiresGradient(false));
        this.store = new ParameterStore(manager, false);
        this.dim = weights.embeddingSize();
    }

    @Override
    public void score(float[] user, float[] items, int n, float[] out) {
        for (int from = 0; from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray u = manager.create(user, new Shape(1, dim)).repeat(0, len);
                NDArray v = manager.create(FloatBuffer.wrap(items, from * dim, len * dim), new Shape(len, dim));
                float[] s = block.forward(store, new NDList(u, v), false).singletonOrThrow().toFloatArray();
                System.arraycopy(s, 0, out, from, len);
            }
        }
    }

    @Override
    public String name() {
        return "djl";
    }

    @Override
    public void close() {
        manager.close();
    }
}
