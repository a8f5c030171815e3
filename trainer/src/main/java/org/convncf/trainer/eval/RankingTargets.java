package org.convncf.trainer.eval;

/**
 * The full-ranking protocol's evaluation set: per evaluated user its held-out positives
 * ({@code positives[offsets[k] .. offsets[k+1])} for the k-th user). Package-private like
 * {@link SampledCandidates}.
 */
final class RankingTargets {

    final int[] users;
    final int[] offsets;
    final int[] positives;

    RankingTargets(int[] users, int[] offsets, int[] positives) {
        this.users = users;
        this.offsets = offsets;
        this.positives = positives;
    }

    int size() {
        return users.length;
    }

    RankingTargets subset(int[] keep) {
        int[] u = new int[keep.length];
        int[] off = new int[keep.length + 1];
        for (int k = 0; k < keep.length; k++) {
            u[k] = users[keep[k]];
            off[k + 1] = off[k] + offsets[keep[k] + 1] - offsets[keep[k]];
        }
        int[] pos = new int[off[keep.length]];
        for (int k = 0; k < keep.length; k++) {
            System.arraycopy(positives, offsets[keep[k]], pos, off[k], off[k + 1] - off[k]);
        }
        return new RankingTargets(u, off, pos);
    }
}
