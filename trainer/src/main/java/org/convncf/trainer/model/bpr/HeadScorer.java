package org.convncf.trainer.model.bpr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import org.convncf.nn.ConvNcfScorer;
import org.convncf.nn.ConvNcfScorers;

/** The {@link ItemsScorer} for a head: plain Java for dot products, the fastest ConvNCF scorer, or the DJL block. */
final class HeadScorer {

    /** Pairs per engine call for DJL heads. */
    static final int CHUNK = 1024;

    private HeadScorer() {
    }

    /**
     * @param threads threads one ConvNCF scoring call may use
     */
    static ItemsScorer of(Head head, NDManager manager, int dim, int threads) {
        if (head.isDot()) {
            return (user, items, n, out, offset) -> {
                for (int k = 0; k < n; k++) {
                    float s = 0;
                    int base = k * dim;
                    for (int d = 0; d < dim; d++) {
                        s += user[d] * items[base + d];
                    }
                    out[offset + k] = s;
                }
            };
        }
        if (head instanceof ConvNcfHead convNcf) {
            ConvNcfScorer scorer = ConvNcfScorers.create(convNcf.weightsForScoring(), ConvNcfScorers.Mode.AUTO,
                    manager.getDevice(), threads);
            return new ItemsScorer() {
                private float[] buffer = new float[0];

                @Override
                public void score(float[] user, float[] items, int n, float[] out, int outOffset) {
                    if (outOffset == 0) {
                        scorer.score(user, items, n, out);
                        return;
                    }
                    if (buffer.length < n) {
                        buffer = new float[n];
                    }
                    scorer.score(user, items, n, buffer);
                    System.arraycopy(buffer, 0, out, outOffset, n);
                }

                @Override
                public void close() {
                    scorer.close();
                }
            };
        }
        ParameterStore store = new ParameterStore(manager, false);
        return (user, items, n, out, offset) -> {
            for (int from = 0; from < n; from += CHUNK) {
                int len = Math.min(CHUNK, n - from);
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray u = manager.create(user, new Shape(1, dim)).repeat(0, len);
                    NDArray v = manager.create(FloatBuffer.wrap(items, from * dim, len * dim), new Shape(len, dim));
                    float[] s = head.block().forward(store, new NDList(u, v), false).singletonOrThrow().toFloatArray();
                    System.arraycopy(s, 0, out, offset + from, len);
                }
            }
        };
    }

}
