package org.convncf.rank;

import java.util.Arrays;

/**
 * UserKNN as it is served: the training users' item sets (the profiles) and the two
 * hyper-parameters, with the user's neighbours found at request time from the items they have now,
 * <pre>  sim(u, v) = |H_u ∩ R_v| / (sqrt|H_u| · sqrt|R_v| + shrink),   score(u, j) = Σ_{v ∈ N(u), j ∈ R_v} sim(u, v)</pre>
 * over the {@code topK} most similar training users N(u) (ties: lower id; never u itself). A user's
 * new events change H_u, so their neighbours and the next scores, with no retraining. For a training
 * user whose H_u is their training items, the neighbours, weights and float sums are those of the
 * trainer's UserKNN bit for bit ({@link CosineRow} is shared; neighbours are added in ascending id
 * order, as there).
 *
 * <p>A request costs Σ_{i ∈ H_u} |users(i)| to count co-occurrences plus Σ_{v ∈ N(u)} |R_v| to add
 * the neighbours' items; memory is two int arrays per training interaction (profiles and their
 * transpose).
 */
public final class UserNeighbours implements HistoryScorer {

    private final int[] profileOffsets;
    private final int[] profileItems;
    private final int[] userOffsets;
    private final int[] itemUsers;
    private final double[] norms;
    private final int numItems;
    private final int topK;
    private final double shrink;

    /**
     * @param profileOffsets CSR offsets (numUsers + 1) into {@code profileItems}
     * @param profileItems   each training user's distinct training items, in any order
     * @param topK           neighbours kept per user (≥ 1)
     * @param shrink         added to the cosine denominator (≥ 0)
     * @throws IllegalArgumentException if the profiles are not a CSR matrix of distinct items
     */
    public UserNeighbours(int[] profileOffsets, int[] profileItems, int numItems, int topK, double shrink) {
        if (topK < 1) {
            throw new IllegalArgumentException("UserKNN topK must be >= 1, got " + topK);
        }
        if (!(shrink >= 0) || Double.isInfinite(shrink)) {
            throw new IllegalArgumentException("UserKNN shrink must be a finite number >= 0, got " + shrink);
        }
        int users = profileOffsets.length - 1;
        if (users < 0 || profileOffsets[0] != 0 || profileOffsets[users] != profileItems.length) {
            throw new IllegalArgumentException("UserKNN profiles are not a CSR matrix");
        }
        int[] lastSeenBy = new int[numItems];
        Arrays.fill(lastSeenBy, -1);
        int[] degree = new int[numItems + 1];
        for (int u = 0; u < users; u++) {
            if (profileOffsets[u + 1] < profileOffsets[u]) {
                throw new IllegalArgumentException("UserKNN profile offsets decrease at user " + u);
            }
            for (int p = profileOffsets[u]; p < profileOffsets[u + 1]; p++) {
                int i = profileItems[p];
                if (i < 0 || i >= numItems) {
                    throw new IllegalArgumentException("UserKNN profile of user " + u + " names item " + i
                            + " outside 0.." + (numItems - 1));
                }
                if (lastSeenBy[i] == u) {
                    throw new IllegalArgumentException("UserKNN profile of user " + u + " holds item " + i + " twice");
                }
                lastSeenBy[i] = u;
                degree[i + 1]++;
            }
        }
        this.profileOffsets = profileOffsets;
        this.profileItems = profileItems;
        this.numItems = numItems;
        this.topK = topK;
        this.shrink = shrink;
        this.norms = new double[users];
        for (int u = 0; u < users; u++) {
            norms[u] = Math.sqrt(profileOffsets[u + 1] - profileOffsets[u]);
        }
        // item → its users, ascending (a counting sort over the profiles)
        for (int i = 0; i < numItems; i++) {
            degree[i + 1] += degree[i];
        }
        this.userOffsets = degree;
        this.itemUsers = new int[profileItems.length];
        int[] cursor = Arrays.copyOf(degree, numItems);
        for (int u = 0; u < users; u++) {
            for (int p = profileOffsets[u]; p < profileOffsets[u + 1]; p++) {
                itemUsers[cursor[profileItems[p]]++] = u;
            }
        }
    }

    @Override
    public int numItems() {
        return numItems;
    }

    public int numUsers() {
        return norms.length;
    }

    public int topK() {
        return topK;
    }

    public double shrink() {
        return shrink;
    }

    /** The kept neighbours of a user who has {@code items[0..n)}; {@code user} (a training index or −1) is left out. */
    private CosineRow neighbours(int user, int[] items, int n) {
        CosineRow row = new CosineRow(numUsers(), Math.max(1, Math.min(topK, numUsers())));
        row.compute(items, 0, n, user, Math.sqrt(n), userOffsets, itemUsers, norms, shrink);
        return row;
    }

    @Override
    public void score(int user, int[] items, int n, float[] out) {
        Arrays.fill(out, 0f);
        if (n == 0 || numUsers() == 0) {
            return;
        }
        CosineRow row = neighbours(user, items, n);
        for (int q = 0; q < row.size(); q++) {
            int v = row.id(q);
            float w = row.weight(q);
            for (int p = profileOffsets[v]; p < profileOffsets[v + 1]; p++) {
                out[profileItems[p]] += w;
            }
        }
    }

    @Override
    public void reached(int user, int[] items, int n, boolean[] out) {
        if (n == 0 || numUsers() == 0) {
            return;
        }
        CosineRow row = neighbours(user, items, n);
        for (int q = 0; q < row.size(); q++) {
            int v = row.id(q);
            for (int p = profileOffsets[v]; p < profileOffsets[v + 1]; p++) {
                out[profileItems[p]] = true;
            }
        }
    }
}
