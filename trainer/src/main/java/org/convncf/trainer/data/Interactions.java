package org.convncf.trainer.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import org.convncf.store.IdMap;

/**
 * An immutable set of implicit-feedback interactions in compressed sparse row form.
 *
 * <p>User {@code u}'s items are {@code items[offsets[u] .. offsets[u+1])}, in time order when the
 * source had timestamps and in file order otherwise; each (user, item) pair appears once. A second
 * CSR copy sorted by item id answers {@link #contains(int, int)} by binary search. Everything is
 * plain arrays: 100 M interactions cost ~1.2 GB (items, sorted items, timestamps), with no boxing.
 */
public final class Interactions {

    private final IdMap users;
    private final IdMap items;
    private final int[] offsets;
    private final int[] itemIds;
    private final long[] times; // null when the source had no timestamps
    private final int[] sortedItemIds;
    private volatile String fingerprint;

    Interactions(IdMap users, IdMap items, int[] offsets, int[] itemIds, long[] times) {
        if (offsets.length != users.size() + 1) {
            throw new IllegalArgumentException("offsets must have numUsers + 1 entries");
        }
        if (offsets[users.size()] != itemIds.length || (times != null && times.length != itemIds.length)) {
            throw new IllegalArgumentException("offsets, items and times disagree in length");
        }
        this.users = users;
        this.items = items;
        this.offsets = offsets;
        this.itemIds = itemIds;
        this.times = times;
        this.sortedItemIds = itemIds.clone();
        for (int u = 0; u < users.size(); u++) {
            Arrays.sort(sortedItemIds, offsets[u], offsets[u + 1]);
        }
    }

    /**
     * Builds interactions from CSR arrays that are already deduplicated and ordered. The arrays are
     * taken over, not copied.
     */
    public static Interactions ofCsr(IdMap users, IdMap items, int[] offsets, int[] itemIds, long[] times) {
        if (offsets.length != users.size() + 1) {
            throw new IllegalArgumentException("offsets must have numUsers + 1 entries");
        }
        for (int u = 0; u < users.size(); u++) {
            if (offsets[u] > offsets[u + 1]) {
                throw new IllegalArgumentException("offsets must not decrease (user " + u + ")");
            }
        }
        for (int itemId : itemIds) {
            Objects.checkIndex(itemId, items.size());
        }
        Interactions result = new Interactions(users, items, offsets, itemIds, times);
        for (int u = 0; u < users.size(); u++) {
            for (int k = result.offsets[u] + 1; k < result.offsets[u + 1]; k++) {
                if (result.sortedItemIds[k] == result.sortedItemIds[k - 1]) {
                    throw new IllegalArgumentException("user " + u + " has item " + result.sortedItemIds[k] + " twice");
                }
            }
        }
        return result;
    }

    public IdMap users() {
        return users;
    }

    public IdMap items() {
        return items;
    }

    public int numUsers() {
        return users.size();
    }

    public int numItems() {
        return items.size();
    }

    /** Number of (user, item) pairs. */
    public int size() {
        return itemIds.length;
    }

    public boolean hasTimestamps() {
        return times != null;
    }

    public int degree(int user) {
        return offsets[user + 1] - offsets[user];
    }

    /** Index of user {@code user}'s first interaction in the flat arrays. */
    public int start(int user) {
        return offsets[user];
    }

    /** One past the index of user {@code user}'s last interaction in the flat arrays. */
    public int end(int user) {
        return offsets[user + 1];
    }

    /** The item of the interaction at flat index {@code index}. */
    public int itemAt(int index) {
        return itemIds[index];
    }

    /** The timestamp of the interaction at flat index {@code index}; requires {@link #hasTimestamps()}. */
    public long timeAt(int index) {
        if (times == null) {
            throw new IllegalStateException("this dataset has no timestamps");
        }
        return times[index];
    }

    /** User {@code user}'s items in time (or file) order; a fresh copy. */
    public int[] itemsOf(int user) {
        return Arrays.copyOfRange(itemIds, offsets[user], offsets[user + 1]);
    }

    /** User {@code user}'s items sorted by internal item id; a fresh copy. */
    public int[] sortedItemsOf(int user) {
        return Arrays.copyOfRange(sortedItemIds, offsets[user], offsets[user + 1]);
    }

    /** Whether {@code user} interacted with {@code item}: O(log degree). */
    public boolean contains(int user, int item) {
        return Arrays.binarySearch(sortedItemIds, offsets[user], offsets[user + 1], item) >= 0;
    }

    /** Number of users who interacted with each item. */
    public int[] itemCounts() {
        int[] counts = new int[numItems()];
        for (int item : itemIds) {
            counts[item]++;
        }
        return counts;
    }

    /**
     * SHA-256 over the ids, the CSR structure and the timestamps: two datasets with equal fingerprints
     * hold the same interactions under the same ids.
     */
    public String fingerprint() {
        String f = fingerprint;
        if (f == null) {
            f = computeFingerprint();
            fingerprint = f;
        }
        return f;
    }

    private String computeFingerprint() {
        MessageDigest sha = Fingerprints.sha256();
        for (IdMap ids : new IdMap[] {users, items}) {
            Fingerprints.digestInt(sha, ids.size());
            for (int i = 0; i < ids.size(); i++) {
                sha.update(ids.externalId(i).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
        }
        Fingerprints.digestInts(sha, offsets);
        Fingerprints.digestInts(sha, itemIds);
        if (times != null) {
            Fingerprints.digestLongs(sha, times);
        }
        return Fingerprints.hex(sha);
    }

    @Override
    public String toString() {
        return "Interactions[users=" + numUsers() + ", items=" + numItems() + ", interactions=" + size()
                + (times != null ? ", timestamped" : "") + "]";
    }
}
