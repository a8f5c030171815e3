package org.convncf.trainer.data;

import java.util.Arrays;
import org.convncf.store.IdMap;

/**
 * Accumulates (user, item[, time]) events in primitive arrays and builds {@link Interactions}.
 *
 * <p>Per user, events are ordered by timestamp (ties and timestamp-less data keep arrival order). A
 * pair seen more than once is kept once, at its latest occurrence; {@link #duplicates()} counts the
 * dropped repeats so that readers can report them.
 */
public final class InteractionsBuilder {

    private final IdMap.Builder users;
    private final IdMap.Builder items;
    private int[] userIdx = new int[1 << 12];
    private int[] itemIdx = new int[1 << 12];
    private long[] times = new long[1 << 12];
    private Boolean timestamped;
    private int size;
    private long duplicates = -1;

    public InteractionsBuilder() {
        this(new IdMap.Builder(), new IdMap.Builder());
    }

    /** A builder that shares id assignment with other readers of the same dataset. */
    public InteractionsBuilder(IdMap.Builder users, IdMap.Builder items) {
        this.users = users;
        this.items = items;
    }

    public IdMap.Builder userIds() {
        return users;
    }

    public IdMap.Builder itemIds() {
        return items;
    }

    /** Adds an event without a timestamp. */
    public void add(String user, String item) {
        append(users.intern(user), items.intern(item), 0L, false);
    }

    /** Adds an event with a timestamp. */
    public void add(String user, String item, long time) {
        append(users.intern(user), items.intern(item), time, true);
    }

    /** Adds an event by internal ids (which must come from this builder's id builders). */
    public void addInternal(int user, int item, long time, boolean hasTime) {
        append(user, item, time, hasTime);
    }

    private void append(int user, int item, long time, boolean hasTime) {
        if (timestamped == null) {
            timestamped = hasTime;
        } else if (timestamped != hasTime) {
            throw new IllegalArgumentException("events must either all have timestamps or none");
        }
        if (size == userIdx.length) {
            int n = size * 2;
            userIdx = Arrays.copyOf(userIdx, n);
            itemIdx = Arrays.copyOf(itemIdx, n);
            times = Arrays.copyOf(times, n);
        }
        userIdx[size] = user;
        itemIdx[size] = item;
        times[size] = time;
        size++;
    }

    /** Number of events added so far (before deduplication). */
    public int events() {
        return size;
    }

    /** Repeated (user, item) events dropped by the last {@link #build()}. */
    public long duplicates() {
        return duplicates;
    }

    public Interactions build() {
        IdMap userMap = users.build();
        IdMap itemMap = items.build();
        int numUsers = userMap.size();
        boolean hasTime = Boolean.TRUE.equals(timestamped);

        // Counting sort by user keeps arrival order within a user.
        int[] offsets = new int[numUsers + 1];
        for (int k = 0; k < size; k++) {
            offsets[userIdx[k] + 1]++;
        }
        for (int u = 0; u < numUsers; u++) {
            offsets[u + 1] += offsets[u];
        }
        int[] cursor = Arrays.copyOf(offsets, numUsers);
        int[] byUserItem = new int[size];
        long[] byUserTime = new long[size];
        for (int k = 0; k < size; k++) {
            int pos = cursor[userIdx[k]]++;
            byUserItem[pos] = itemIdx[k];
            byUserTime[pos] = times[k];
        }

        // Per user: stable sort by time, then keep each item at its latest occurrence.
        int[] lastSeenBy = new int[itemMap.size()];
        Arrays.fill(lastSeenBy, -1);
        int[] outOffsets = new int[numUsers + 1];
        int out = 0;
        long dropped = 0;
        int[] scratchItem = new int[0];
        long[] scratchTime = new long[0];
        for (int u = 0; u < numUsers; u++) {
            int from = offsets[u];
            int to = offsets[u + 1];
            int n = to - from;
            if (hasTime) {
                if (scratchItem.length < n) {
                    scratchItem = new int[n];
                    scratchTime = new long[n];
                }
                StableSort.byKey(byUserTime, byUserItem, from, to, scratchTime, scratchItem);
            }
            // Walk backwards so the first encounter of an item is its latest occurrence.
            int keepFrom = to;
            for (int k = to - 1; k >= from; k--) {
                int item = byUserItem[k];
                if (lastSeenBy[item] == u) {
                    dropped++;
                    continue;
                }
                lastSeenBy[item] = u;
                keepFrom--;
                byUserItem[keepFrom] = item;
                byUserTime[keepFrom] = byUserTime[k];
            }
            int kept = to - keepFrom;
            System.arraycopy(byUserItem, keepFrom, byUserItem, out, kept);
            System.arraycopy(byUserTime, keepFrom, byUserTime, out, kept);
            out += kept;
            outOffsets[u + 1] = out;
        }
        duplicates = dropped;
        int[] finalItems = out == size ? byUserItem : Arrays.copyOf(byUserItem, out);
        long[] finalTimes = hasTime ? (out == size ? byUserTime : Arrays.copyOf(byUserTime, out)) : null;
        return new Interactions(userMap, itemMap, outOffsets, finalItems, finalTimes);
    }

    /** A stable merge sort of a long key array with an int payload, over a sub-range. */
    static final class StableSort {
        private StableSort() {
        }

        static void byKey(long[] keys, int[] payload, int from, int to, long[] tmpKeys, int[] tmpPayload) {
            boolean sorted = true;
            for (int k = from + 1; k < to && sorted; k++) {
                sorted = keys[k - 1] <= keys[k];
            }
            if (!sorted) {
                mergeSort(keys, payload, from, to, tmpKeys, tmpPayload);
            }
        }

        private static void mergeSort(long[] keys, int[] payload, int from, int to, long[] tk, int[] tp) {
            int n = to - from;
            if (n < 24) {
                for (int i = from + 1; i < to; i++) {
                    long key = keys[i];
                    int value = payload[i];
                    int j = i - 1;
                    while (j >= from && keys[j] > key) {
                        keys[j + 1] = keys[j];
                        payload[j + 1] = payload[j];
                        j--;
                    }
                    keys[j + 1] = key;
                    payload[j + 1] = value;
                }
                return;
            }
            int mid = (from + to) >>> 1;
            mergeSort(keys, payload, from, mid, tk, tp);
            mergeSort(keys, payload, mid, to, tk, tp);
            if (keys[mid - 1] <= keys[mid]) {
                return;
            }
            int i = from;
            int j = mid;
            int o = 0;
            while (i < mid && j < to) {
                if (keys[j] < keys[i]) {
                    tk[o] = keys[j];
                    tp[o++] = payload[j++];
                } else {
                    tk[o] = keys[i];
                    tp[o++] = payload[i++];
                }
            }
            while (i < mid) {
                tk[o] = keys[i];
                tp[o++] = payload[i++];
            }
            while (j < to) {
                tk[o] = keys[j];
                tp[o++] = payload[j++];
            }
            System.arraycopy(tk, 0, keys, from, o);
            System.arraycopy(tp, 0, payload, from, o);
        }
    }
}
