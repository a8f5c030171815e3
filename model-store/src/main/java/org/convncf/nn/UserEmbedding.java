package org.convncf.nn;

/**
 * A {@link UserEmbeddingKind} evaluated on plain arrays: what the service computes per request from
 * a user's recent events, and what the trainer computes for every training row (its gradient is
 * the trainer's {@code EmbeddingTables}). The formula exists here once.
 *
 * @param kind         which function
 * @param dim          K
 * @param alpha        the FISM normalisation exponent (0.5 in the paper)
 * @param userTable    p as (numUsers × K) row-major, or null when {@code kind} has none
 * @param historyTable q' as (numItems × K) row-major, or null when {@code kind} has none
 */
public record UserEmbedding(UserEmbeddingKind kind, int dim, float alpha, float[] userTable, float[] historyTable) {

    public UserEmbedding {
        if (kind.usesUserTable() != (userTable != null) || kind.usesHistory() != (historyTable != null)) {
            throw new IllegalArgumentException(kind.label() + " needs " + (kind.usesUserTable() ? "a user table" : "no user table")
                    + " and " + (kind.usesHistory() ? "a history table" : "no history table"));
        }
        if ((userTable != null && userTable.length % dim != 0) || (historyTable != null && historyTable.length % dim != 0)) {
            throw new IllegalArgumentException("table sizes must be multiples of K=" + dim);
        }
    }

    /** Whether this function can embed a user who was not in training (FISM, SVD++). */
    public boolean foldsIn() {
        return kind.usesHistory();
    }

    /** Number of training users with a p_u (0 for FISM). */
    public int numUsers() {
        return userTable == null ? 0 : userTable.length / dim;
    }

    /**
     * f(u) into {@code out[0..K)}.
     *
     * @param user    the training user's internal id, or -1 for a user unknown to the model
     * @param history the user's history items (internal ids); the first {@code length} are used.
     *                Pass distinct items: a repeated item counts once per occurrence
     * @param exclude an item to leave out of the history (the target), or -1
     * @return {@code out}
     * @throws IllegalArgumentException for an MF embedding of an unknown user
     */
    public float[] embed(int user, int[] history, int length, int exclude, float[] out) {
        embed(user, history, 0, length, exclude, out, 0);
        return out;
    }

    /**
     * f(u) into {@code out[outOffset .. outOffset+K)}, the history being {@code items[from..to)}.
     *
     * @return the FISM coefficient |R_u \ {exclude}|^-α used (0 when there is no FISM term)
     */
    public float embed(int user, int[] items, int from, int to, int exclude, float[] out, int outOffset) {
        if (kind.usesUserTable() && user >= 0) {
            System.arraycopy(userTable, user * dim, out, outOffset, dim);   // covers the whole range
        } else if (kind.usesUserTable() && !kind.usesHistory()) {
            throw new IllegalArgumentException("an MF user embedding exists only for training users");
        } else {
            java.util.Arrays.fill(out, outOffset, outOffset + dim, 0f);
        }
        if (!kind.usesHistory()) {
            return 0f;
        }
        float c = fismCoefficient(items, from, to, exclude);
        if (c != 0f) {
            for (int h = from; h < to; h++) {
                int item = items[h];
                if (item != exclude) {
                    int base = item * dim;
                    for (int d = 0; d < dim; d++) {
                        out[outOffset + d] += c * historyTable[base + d];
                    }
                }
            }
        }
        return c;
    }

    /**
     * Σ q'_j over {@code items[from..to)} into {@code out[outOffset .. outOffset+K)}: the part of a
     * history-based f(u) that does not depend on the target, for {@link #embedFromSum}.
     */
    public void historySum(int[] items, int from, int to, float[] out, int outOffset) {
        java.util.Arrays.fill(out, outOffset, outOffset + dim, 0f);
        for (int h = from; h < to; h++) {
            int base = items[h] * dim;
            for (int d = 0; d < dim; d++) {
                out[outOffset + d] += historyTable[base + d];
            }
        }
    }

    /**
     * f(u) as {@link #embed(int, int[], int, int, int, float[], int)} computes it, from the history's
     * {@link #historySum} at {@code sum[sumOffset ..]}: the target's rows are subtracted from the
     * sum instead of being skipped, so a trainer that embeds one user against a positive and a
     * negative target sums the history once. Equal to {@code embed} up to float rounding (the
     * service and the evaluation use {@code embed}; training may use either).
     *
     * @return the FISM coefficient |R_u \ {exclude}|^-α used (0 when there is no FISM term)
     */
    public float embedFromSum(int user, int[] items, int from, int to, int exclude, float[] sum, int sumOffset,
            float[] out, int outOffset) {
        if (!kind.usesHistory()) {
            return embed(user, items, from, to, exclude, out, outOffset);
        }
        java.util.Arrays.fill(out, outOffset, outOffset + dim, 0f);
        if (kind.usesUserTable() && user >= 0) {
            System.arraycopy(userTable, user * dim, out, outOffset, dim);
        }
        int excluded = occurrences(items, from, to, exclude);
        float c = coefficient(to - from - excluded);
        if (c != 0f) {
            int base = exclude * dim;
            for (int d = 0; d < dim; d++) {
                float s = sum[sumOffset + d];
                if (excluded > 0) {
                    s -= excluded * historyTable[base + d];
                }
                out[outOffset + d] += c * s;
            }
        }
        return c;
    }

    /** |R_u \ {exclude}|^-α over {@code items[from..to)}, or 0 when no item is left. */
    public float fismCoefficient(int[] items, int from, int to, int exclude) {
        return coefficient(to - from - occurrences(items, from, to, exclude));
    }

    /** How often {@code item} occurs in {@code items[from..to)}. */
    public static int occurrences(int[] items, int from, int to, int item) {
        int count = 0;
        for (int h = from; h < to; h++) {
            if (items[h] == item) {
                count++;
            }
        }
        return count;
    }

    private float coefficient(int count) {
        return count == 0 ? 0f : (float) Math.pow(count, -alpha);
    }
}
