package org.convncf.nn;

import java.util.Locale;

/**
 * The user-embedding functions of ConvNCF (section 3.1 of the paper):
 * <ul>
 *   <li>{@link #MF}: f(u) = p_u, a free vector per training user;</li>
 *   <li>{@link #FISM}: f(u) = |R_u \ {i}|^-α · Σ_{t ∈ R_u \ {i}} q'_t, the normalised sum of the
 *       user's history items in a history table q' separate from the target table q, with the
 *       target item i excluded;</li>
 *   <li>{@link #SVDPP}: p_u plus the FISM term.</li>
 * </ul>
 * FISM and SVD++ need only the user's history, so they also embed users who were not in training
 * (for SVD++ the p_u of such a user is zero): that is what lets the service personalise in real time.
 */
public enum UserEmbeddingKind {
    MF(true, false),
    FISM(false, true),
    SVDPP(true, true);

    private final boolean userTable;
    private final boolean historyTable;

    UserEmbeddingKind(boolean userTable, boolean historyTable) {
        this.userTable = userTable;
        this.historyTable = historyTable;
    }

    /** Whether f(u) has a per-user vector p_u. */
    public boolean usesUserTable() {
        return userTable;
    }

    /** Whether f(u) sums the user's history items. */
    public boolean usesHistory() {
        return historyTable;
    }

    /** The lower-case name used in model names and manifests: {@code mf}, {@code fism}, {@code svdpp}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UserEmbeddingKind parse(String s) {
        for (UserEmbeddingKind k : values()) {
            if (k.label().equalsIgnoreCase(s.trim()) || (k == SVDPP && s.trim().equalsIgnoreCase("svd++"))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown user embedding '" + s + "' (expected mf, fism or svdpp)");
    }
}
