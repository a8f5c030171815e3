package org.convncf.trainer.eval;

/**
 * The sampled protocol's evaluation set: per evaluated user one held-out positive and its negatives
 * ({@code negatives[negOffsets[k] .. negOffsets[k+1])} for the k-th user). Package-private: only the
 * evaluator reads it, so training code can never reach held-out items.
 */
final class SampledCandidates {

    final int[] users;
    final int[] positives;
    final int[] negOffsets;
    final int[] negatives;

    SampledCandidates(int[] users, int[] positives, int[] negOffsets, int[] negatives) {
        this.users = users;
        this.positives = positives;
        this.negOffsets = negOffsets;
        this.negatives = negatives;
    }

    int size() {
        return users.length;
    }

    /** The candidates of the users at positions {@code keep} (ascending), for a cheaper validation. */
    SampledCandidates subset(int[] keep) {
        int[] u = new int[keep.length];
        int[] p = new int[keep.length];
        int[] off = new int[keep.length + 1];
        for (int k = 0; k < keep.length; k++) {
            int src = keep[k];
            u[k] = users[src];
            p[k] = positives[src];
            off[k + 1] = off[k] + negOffsets[src + 1] - negOffsets[src];
        }
        int[] neg = new int[off[keep.length]];
        for (int k = 0; k < keep.length; k++) {
            int src = keep[k];
            System.arraycopy(negatives, negOffsets[src], neg, off[k], off[k + 1] - off[k]);
        }
        return new SampledCandidates(u, p, off, neg);
    }
}
