package org.convncf.trainer.model.bpr;

import org.convncf.trainer.data.Interactions;

/**
 * Each training user's most recent {@code cap} items (oldest first), in CSR form: the history that
 * the FISM term sums over, in training and at serving time alike.
 */
public final class Histories {

    private final int[] offsets;
    private final int[] items;

    private Histories(int[] offsets, int[] items) {
        this.offsets = offsets;
        this.items = items;
    }

    public static Histories recent(Interactions train, int cap) {
        int n = train.numUsers();
        int[] offsets = new int[n + 1];
        for (int u = 0; u < n; u++) {
            offsets[u + 1] = offsets[u] + Math.min(cap, train.degree(u));
        }
        int[] items = new int[offsets[n]];
        for (int u = 0; u < n; u++) {
            int len = offsets[u + 1] - offsets[u];
            int from = train.end(u) - len;
            for (int k = 0; k < len; k++) {
                items[offsets[u] + k] = train.itemAt(from + k);
            }
        }
        return new Histories(offsets, items);
    }

    public int from(int user) {
        return offsets[user];
    }

    public int to(int user) {
        return offsets[user + 1];
    }

    /** The flat item array the {@link #from}/{@link #to} ranges index; not a copy. */
    public int[] items() {
        return items;
    }

    /** The CSR offsets (numUsers + 1); not a copy. */
    public int[] offsets() {
        return offsets;
    }

    public int numUsers() {
        return offsets.length - 1;
    }
}
