package org.convncf.trainer.data;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Interactions that a dataset's authors held out (a given test or validation split), with optional
 * given negatives, in internal ids. Both are CSR over users: user {@code u}'s held-out items are
 * {@code items[offsets[u] .. offsets[u+1])}; a user without held-out items has an empty range.
 */
public final class HeldOut {

    private final int[] offsets;
    private final int[] items;
    private final int[] negativeOffsets; // null when the dataset supplies no negatives
    private final int[] negatives;

    HeldOut(int[] offsets, int[] items, int[] negativeOffsets, int[] negatives) {
        this.offsets = offsets;
        this.items = items;
        this.negativeOffsets = negativeOffsets;
        this.negatives = negatives;
    }

    /** Held-out positives only (for example LightGCN's test.txt). */
    public static HeldOut of(int[] offsets, int[] items) {
        return new HeldOut(offsets.clone(), items.clone(), null, null);
    }

    /** Held-out positives with the given negatives per user (for example NCF's test.negative). */
    public static HeldOut withNegatives(int[] offsets, int[] items, int[] negativeOffsets, int[] negatives) {
        if (negativeOffsets.length != offsets.length) {
            throw new IllegalArgumentException("negative offsets must cover the same users");
        }
        return new HeldOut(offsets.clone(), items.clone(), negativeOffsets.clone(), negatives.clone());
    }

    public int numUsers() {
        return offsets.length - 1;
    }

    /** Number of held-out (user, item) pairs. */
    public int size() {
        return items.length;
    }

    public int[] itemsOf(int user) {
        return user < numUsers() ? Arrays.copyOfRange(items, offsets[user], offsets[user + 1]) : new int[0];
    }

    public boolean hasNegatives() {
        return negativeOffsets != null;
    }

    public int[] negativesOf(int user) {
        if (negativeOffsets == null) {
            throw new IllegalStateException("this split supplies no negatives");
        }
        return user < numUsers()
                ? Arrays.copyOfRange(negatives, negativeOffsets[user], negativeOffsets[user + 1])
                : new int[0];
    }

    /**
     * SHA-256 over the held-out pairs and the given negatives: two splits with equal fingerprints
     * hold out the same items against the same candidates.
     */
    public String fingerprint() {
        MessageDigest sha = Fingerprints.sha256();
        for (int[] part : new int[][] {offsets, items, negativeOffsets == null ? new int[0] : negativeOffsets,
                negatives == null ? new int[0] : negatives}) {
            Fingerprints.digestInt(sha, part.length);
            Fingerprints.digestInts(sha, part);
        }
        return Fingerprints.hex(sha);
    }

    /** Number of users with at least one held-out item. */
    public int usersWithItems() {
        int n = 0;
        for (int u = 0; u < numUsers(); u++) {
            if (offsets[u + 1] > offsets[u]) {
                n++;
            }
        }
        return n;
    }
}
