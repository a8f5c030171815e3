package org.convncf.rank;

import java.util.Arrays;

/**
 * One entity's top-k cosine neighbours over binary features, computed sparsely: the co-occurrence
 * counts |F_e ∩ F_f| with every other entity f are accumulated by walking e's features and the
 * entities that hold each of them (a CSR of feature → entities), never a dense entity × entity row.
 * Then
 * <pre>  sim(e, f) = |F_e ∩ F_f| / (‖F_e‖ · ‖F_f‖ + shrink),   ‖F‖ = sqrt|F|</pre>
 * and the k largest are kept (ties: lower id). The trainer runs it for every user (UserKNN) or item
 * (ItemKNN); the service runs it for one user's live items, so a served UserKNN picks the neighbours
 * evaluation picked, with the same float weights.
 */
public final class CosineRow {

    private final int[] counts;
    private final int[] touched;
    private final TopKHeap top;
    private final int[] ids;
    private final float[] values;
    private int size;

    /**
     * Scratch space for rows over {@code entities} entities keeping {@code k} neighbours each; reuse it
     * for row after row (one instance per thread).
     */
    public CosineRow(int entities, int k) {
        counts = new int[entities];
        touched = new int[entities];
        top = new TopKHeap(k);
        ids = new int[k];
        values = new float[k];
    }

    /**
     * Computes the neighbours of an entity with features {@code features[from..to)} (distinct).
     *
     * @param self           the entity's own id, never its own neighbour (−1 for none)
     * @param norm           ‖F_e‖ of the entity
     * @param entityOffsets  CSR offsets of feature → entities
     * @param entities       the entities of each feature
     * @param entityNorms    ‖F_f‖ of every entity f
     * @return the number of neighbours kept, readable through {@link #id} and {@link #weight}
     */
    public int compute(int[] features, int from, int to, int self, double norm, int[] entityOffsets, int[] entities,
            double[] entityNorms, double shrink) {
        int touchedCount = 0;
        for (int p = from; p < to; p++) {
            int x = features[p];
            for (int q = entityOffsets[x]; q < entityOffsets[x + 1]; q++) {
                int f = entities[q];
                if (f != self && counts[f]++ == 0) {
                    touched[touchedCount++] = f;
                }
            }
        }
        top.reset();
        for (int t = 0; t < touchedCount; t++) {
            int f = touched[t];
            top.offer(f, (float) (counts[f] / (norm * entityNorms[f] + shrink)));
            counts[f] = 0;
        }
        size = top.size();
        top.drainSortedById(ids, values);
        return size;
    }

    /** Neighbours kept by the last {@link #compute}. */
    public int size() {
        return size;
    }

    /** The {@code n}-th neighbour kept by the last {@link #compute}, in ascending id order. */
    public int id(int n) {
        return ids[n];
    }

    /** sim(e, {@link #id}(n)). */
    public float weight(int n) {
        return values[n];
    }

    /** The last row's neighbour ids, ascending; a fresh copy. */
    public int[] ids() {
        return Arrays.copyOf(ids, size);
    }

    /** The last row's weights, in the order of {@link #ids}; a fresh copy. */
    public float[] weights() {
        return Arrays.copyOf(values, size);
    }
}
