package org.convncf.rank;

import java.util.Arrays;

/**
 * An item-item model's weights W as it is served: {@code score(u, j) = Σ_{i ∈ H_u} W[i, j]} over the
 * items {@code H_u} a user has. Rows are source items i, each listing the targets j it feeds (CSR):
 * a few hundred per row for the neighbourhood models (ItemKNN, RP3β, weights > 0), every other item
 * for EASE^R (dense, weights of either sign). No training is needed to fold a user in: new events
 * enter {@code H_u} and change the next scores.
 *
 * <p>{@link #score} adds the sources in ascending id order, as the trainer's models do, so a served
 * score equals the evaluated one bit for bit.
 *
 * @param offsets CSR row offsets, {@code numItems + 1}
 * @param targets target item of each kept weight
 * @param weights W[i, j] of each kept weight
 */
public record ItemItemWeights(int[] offsets, int[] targets, float[] weights) implements HistoryScorer {

    public ItemItemWeights {
        if (offsets.length == 0 || offsets[0] != 0 || offsets[offsets.length - 1] != targets.length
                || targets.length != weights.length) {
            throw new IllegalArgumentException("item-item weights are not a CSR matrix: " + offsets.length + " offsets, "
                    + targets.length + " targets, " + weights.length + " weights");
        }
        int numItems = offsets.length - 1;
        for (int i = 0; i < numItems; i++) {
            if (offsets[i + 1] < offsets[i]) {
                throw new IllegalArgumentException("item-item offsets decrease at item " + i);
            }
        }
        for (int j : targets) {
            if (j < 0 || j >= numItems) {
                throw new IllegalArgumentException("item-item weights name item " + j + " outside 0.." + (numItems - 1));
            }
        }
    }

    @Override
    public int numItems() {
        return offsets.length - 1;
    }

    /** Kept weights. */
    public int size() {
        return targets.length;
    }

    /** {@inheritDoc} The user plays no part: the sum runs over their items. */
    @Override
    public void score(int user, int[] items, int n, float[] out) {
        int[] sources = Arrays.copyOf(items, n);
        Arrays.sort(sources);
        Arrays.fill(out, 0f);
        for (int source : sources) {
            for (int p = offsets[source]; p < offsets[source + 1]; p++) {
                out[targets[p]] += weights[p];
            }
        }
    }

    @Override
    public void reached(int user, int[] items, int n, boolean[] out) {
        for (int k = 0; k < n; k++) {
            int source = items[k];
            for (int p = offsets[source]; p < offsets[source + 1]; p++) {
                out[targets[p]] = true;
            }
        }
    }
}
