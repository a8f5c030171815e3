package org.convncf.trainer.model.knn;

/**
 * Top-k cosine neighbours with a shrink term over binary data, computed sparsely: for every entity
 * e (an item for ItemKNN, a user for UserKNN) the co-occurrence counts |F_e ∩ F_f| with every other
 * entity f are accumulated by walking e's features and their entities (the transposed CSR), never a
 * dense entity × entity matrix. Then
 * <pre>  sim(e, f) = |F_e ∩ F_f| / (sqrt|F_e| · sqrt|F_f| + shrink)</pre>
 * and the k largest are kept (ties: lower id). The diagonal is never kept. Cost: Σ over features of
 * (entities per feature)², spread over cores; results do not depend on thread scheduling.
 *
 * <p>This is the cosine of Ferrari Dacrema et al.'s {@code Compute_Similarity} (RecSys 2019
 * evaluation code) without its 1e-6 guard, which only protects empty rows that never co-occur here.
 */
public final class CosineNeighbours {

    private CosineNeighbours() {
    }

    private static final class Scratch {
        final int[] counts;
        final int[] touched;
        final TopK top;
        final int[] ids;
        final float[] values;

        Scratch(int entities, int k) {
            counts = new int[entities];
            touched = new int[entities];
            top = new TopK(k);
            ids = new int[k];
            values = new float[k];
        }
    }

    /**
     * @param features entity → its features (rows: entities)
     * @param entities feature → its entities (the transpose of {@code features})
     * @return entity → its kept neighbours, ascending by id, weighted by similarity
     */
    public static Neighbours compute(Adjacency features, Adjacency entities, int k, double shrink, int threads) {
        int n = features.rows();
        double[] norm = new double[n];
        for (int e = 0; e < n; e++) {
            norm[e] = Math.sqrt(features.degree(e));
        }
        int keep = Math.max(1, Math.min(k, n));
        int[][] rowIds = new int[n][];
        float[][] rowWeights = new float[n][];
        Parallel.forRows(n, threads, () -> new Scratch(n, keep), (s, e) -> {
            int touchedCount = 0;
            for (int p = features.start(e); p < features.end(e); p++) {
                int x = features.col(p);
                for (int q = entities.start(x); q < entities.end(x); q++) {
                    int f = entities.col(q);
                    if (f != e && s.counts[f]++ == 0) {
                        s.touched[touchedCount++] = f;
                    }
                }
            }
            s.top.reset();
            for (int t = 0; t < touchedCount; t++) {
                int f = s.touched[t];
                s.top.offer(f, (float) (s.counts[f] / (norm[e] * norm[f] + shrink)));
                s.counts[f] = 0;
            }
            int size = s.top.size();
            s.top.drainSortedById(s.ids, s.values);
            rowIds[e] = java.util.Arrays.copyOf(s.ids, size);
            rowWeights[e] = java.util.Arrays.copyOf(s.values, size);
        });
        return Neighbours.of(rowIds, rowWeights, n);
    }
}
