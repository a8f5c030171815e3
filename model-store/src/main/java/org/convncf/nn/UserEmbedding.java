package org.convncf.nn;

/**
 * A {@link UserEmbeddingKind} evaluated on plain arrays: what the service computes per request from
 * a user's recent events. Same formula as {@link UserEmbeddingBlock} (a test holds them equal).
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
     * f(u) into {@code out} (length K).
     *
     * @param user    the training user's internal id, or -1 for a user unknown to the model
     * @param history the user's history items (internal ids), the first {@code length} entries used;
     *                duplicates count once per occurrence, so pass distinct items
     * @param exclude an item to leave out of the history (the target), or -1
     * @return {@code out}
     * @throws IllegalArgumentException for an MF embedding of an unknown user
     */
    public float[] embed(int user, int[] history, int length, int exclude, float[] out) {
        java.util.Arrays.fill(out, 0, dim, 0f);
        if (kind.usesUserTable()) {
            if (user >= 0) {
                System.arraycopy(userTable, user * dim, out, 0, dim);
            } else if (!kind.usesHistory()) {
                throw new IllegalArgumentException("an MF user embedding exists only for training users");
            }
        }
        if (kind.usesHistory()) {
            int count = 0;
            float[] sum = new float[dim];
            for (int h = 0; h < length; h++) {
                int item = history[h];
                if (item == exclude) {
                    continue;
                }
                int base = item * dim;
                for (int d = 0; d < dim; d++) {
                    sum[d] += historyTable[base + d];
                }
                count++;
            }
            if (count > 0) {
                float c = (float) Math.pow(count, -alpha);
                for (int d = 0; d < dim; d++) {
                    out[d] += sum[d] * c;
                }
            }
        }
        return out;
    }
}
