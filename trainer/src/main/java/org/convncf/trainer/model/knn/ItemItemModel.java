package org.convncf.trainer.model.knn;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.convncf.trainer.model.Model;

/**
 * A fitted sparse item-item model: {@code score(u, j) = Σ_{i ∈ R_u} W[i, j]}, the user's training
 * profile times a sparse weight matrix W (ItemKNN, RP3β). W is held twice as CSR arrays: by target
 * (column j: the sources i with a kept W[i, j]) for single pairs, and by source (row i: the targets
 * it feeds) for full ranking, which costs O(Σ_{i ∈ R_u} |row i|) ≈ O(profile × k) plus clearing the
 * output. Both paths add the same weights in the same order (ascending source id), so a pair scores
 * bit-identically either way. Immutable and thread-safe.
 */
public final class ItemItemModel implements Model {

    private final String algorithm;
    private final Map<String, Object> hyperParameters;
    private final Adjacency profiles;
    private final Neighbours byTarget;
    private final Neighbours bySource;
    private final double meanTargetSize;

    /**
     * @param profiles users → training items (sorted)
     * @param byTarget target item j → the source items i with a kept weight W[i, j]
     */
    public ItemItemModel(String algorithm, Map<String, Object> hyperParameters, Adjacency profiles, Neighbours byTarget) {
        if (byTarget.rows() != profiles.numCols()) {
            throw new IllegalArgumentException("weights cover " + byTarget.rows() + " items, profiles " + profiles.numCols());
        }
        this.algorithm = algorithm;
        this.hyperParameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperParameters));
        this.profiles = profiles;
        this.byTarget = byTarget;
        this.bySource = byTarget.transpose();
        this.meanTargetSize = byTarget.rows() == 0 ? 0 : (double) byTarget.nnz() / byTarget.rows();
    }

    /** Target item → its kept source items and weights W[i, j]. */
    public Neighbours byTarget() {
        return byTarget;
    }

    /** Source item → the targets it contributes to, with W[i, j]. */
    public Neighbours bySource() {
        return bySource;
    }

    /** W[source, target]; 0 when not kept. */
    public float weight(int source, int target) {
        return byTarget.weight(target, source);
    }

    public int numItems() {
        return byTarget.rows();
    }

    @Override
    public void scoreAllItems(int user, float[] out) {
        Arrays.fill(out, 0f);
        accumulate(user, out);
    }

    private void accumulate(int user, float[] out) {
        for (int p = profiles.start(user); p < profiles.end(user); p++) {
            int source = profiles.col(p);
            for (int q = bySource.start(source); q < bySource.end(source); q++) {
                out[bySource.id(q)] += bySource.weight(q);
            }
        }
    }

    private void clear(int user, float[] out) {
        for (int p = profiles.start(user); p < profiles.end(user); p++) {
            int source = profiles.col(p);
            for (int q = bySource.start(source); q < bySource.end(source); q++) {
                out[bySource.id(q)] = 0f;
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
            for (int p = profiles.start(user); p < profiles.end(user); p++) {
                accumulateCost += bySource.size(profiles.col(p));
            }
            double directCost = run * (meanTargetSize + profiles.degree(user));
            if (2.0 * accumulateCost + run < directCost) {
                if (scratch == null) {
                    scratch = new float[numItems()];
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

    /** Σ W[i, target] over the user's items i, by merging two ascending lists. */
    private float pairScore(int user, int target) {
        float s = 0f;
        int p = profiles.start(user);
        int pEnd = profiles.end(user);
        int q = byTarget.start(target);
        int qEnd = byTarget.end(target);
        while (p < pEnd && q < qEnd) {
            int a = profiles.col(p);
            int b = byTarget.id(q);
            if (a < b) {
                p++;
            } else if (a > b) {
                q++;
            } else {
                s += byTarget.weight(q);
                p++;
                q++;
            }
        }
        return s;
    }

    @Override
    public String algorithm() {
        return algorithm;
    }

    @Override
    public Map<String, Object> hyperParameters() {
        return hyperParameters;
    }
}
