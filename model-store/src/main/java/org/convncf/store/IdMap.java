package org.convncf.store;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable bijection between external ids (the strings users and the service speak) and dense
 * internal ids {@code 0..size()-1} (the rows of embedding tables).
 *
 * <p>Lookups use an open-addressing table over plain arrays, so a map of millions of ids costs two
 * arrays rather than millions of boxed entries.
 */
public final class IdMap {

    private final String[] externals;
    private final int[] slots; // internal id + 1 per slot; 0 = empty
    private final int mask;

    private IdMap(String[] externals) {
        this.externals = externals;
        int capacity = Integer.highestOneBit(Math.max(4, externals.length * 2 - 1)) << 1;
        this.slots = new int[capacity];
        this.mask = capacity - 1;
        for (int id = 0; id < externals.length; id++) {
            int slot = findSlot(externals[id]);
            if (slots[slot] != 0) {
                throw new IllegalArgumentException("duplicate id '" + externals[id] + "'");
            }
            slots[slot] = id + 1;
        }
    }

    /** An id map whose internal ids are the positions in {@code externalIds}. */
    public static IdMap of(List<String> externalIds) {
        String[] ids = externalIds.toArray(new String[0]);
        for (int i = 0; i < ids.length; i++) {
            validate(ids[i], i);
        }
        return new IdMap(ids);
    }

    /** The identity map over {@code "0".."n-1"}, as used by datasets that ship dense 0-based ids. */
    public static IdMap range(int n) {
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = Integer.toString(i);
        }
        return new IdMap(ids);
    }

    public int size() {
        return externals.length;
    }

    /** The internal id of {@code externalId}, or -1 when the map does not know it. */
    public int indexOf(String externalId) {
        if (externalId == null) {
            return -1;
        }
        int v = slots[findSlot(externalId)];
        return v - 1;
    }

    public boolean contains(String externalId) {
        return indexOf(externalId) >= 0;
    }

    /** The external id of internal id {@code index}. */
    public String externalId(int index) {
        Objects.checkIndex(index, externals.length);
        return externals[index];
    }

    /** The external ids in internal-id order (a copy). */
    public List<String> externalIds() {
        return List.of(externals.clone());
    }

    private int findSlot(String key) {
        int h = mix(key.hashCode()) & mask;
        while (true) {
            int v = slots[h];
            if (v == 0 || externals[v - 1].equals(key)) {
                return h;
            }
            h = (h + 1) & mask;
        }
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    /** Rejects ids that cannot round-trip through the one-id-per-line files of the model store. */
    static void validate(String id, int position) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("id at position " + position + " is empty");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '\n' || c == '\r') {
                throw new IllegalArgumentException("id at position " + position + " contains a line break");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdMap other && Arrays.equals(externals, other.externals);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(externals);
    }

    @Override
    public String toString() {
        return "IdMap[size=" + externals.length + "]";
    }

    /**
     * Assigns dense ids in order of first appearance. Not thread-safe; build once, then {@link #build()}.
     */
    public static final class Builder {
        private String[] keys = new String[1024];
        private int[] table = new int[2048];
        private int size;

        /** The internal id of {@code externalId}, assigning the next one if it is new. */
        public int intern(String externalId) {
            validate(externalId, size);
            if (size * 2 >= table.length) {
                rehash(table.length * 2);
            }
            int m = table.length - 1;
            int h = mix(externalId.hashCode()) & m;
            while (true) {
                int v = table[h];
                if (v == 0) {
                    if (size == keys.length) {
                        keys = Arrays.copyOf(keys, size * 2);
                    }
                    keys[size] = externalId;
                    table[h] = ++size;
                    return size - 1;
                }
                if (keys[v - 1].equals(externalId)) {
                    return v - 1;
                }
                h = (h + 1) & m;
            }
        }

        /** The internal id of {@code externalId}, or -1 if it has not been interned. */
        public int indexOf(String externalId) {
            int m = table.length - 1;
            int h = mix(externalId.hashCode()) & m;
            while (true) {
                int v = table[h];
                if (v == 0) {
                    return -1;
                }
                if (keys[v - 1].equals(externalId)) {
                    return v - 1;
                }
                h = (h + 1) & m;
            }
        }

        public int size() {
            return size;
        }

        private void rehash(int capacity) {
            int[] next = new int[capacity];
            int m = capacity - 1;
            for (int id = 0; id < size; id++) {
                int h = mix(keys[id].hashCode()) & m;
                while (next[h] != 0) {
                    h = (h + 1) & m;
                }
                next[h] = id + 1;
            }
            table = next;
        }

        public IdMap build() {
            return new IdMap(Arrays.copyOf(keys, size));
        }
    }
}
