package org.convncf.rank;

import java.util.Arrays;

/**
 * Selects the {@code k} best candidates of one row: higher value first, ties broken by the lower
 * id, so the result never depends on the order candidates arrive in. A bounded min-heap on primitive
 * arrays (O(candidates · log k)); one instance per thread, reused across rows.
 */
public final class TopKHeap {

    private final int k;
    private final int[] heapIds;
    private final float[] heapValues;
    private int size;

    public TopKHeap(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        this.k = k;
        this.heapIds = new int[k];
        this.heapValues = new float[k];
    }

    public void reset() {
        size = 0;
    }

    /** {@code a} ranks below {@code b}: lower value, or equal value and higher id. */
    private static boolean worse(float va, int ia, float vb, int ib) {
        return va < vb || (va == vb && ia > ib);
    }

    /** Offers a candidate; values must not be NaN. */
    public void offer(int id, float value) {
        if (size < k) {
            int i = size++;
            heapIds[i] = id;
            heapValues[i] = value;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!worse(heapValues[i], heapIds[i], heapValues[parent], heapIds[parent])) {
                    break;
                }
                swap(i, parent);
                i = parent;
            }
            return;
        }
        if (!worse(heapValues[0], heapIds[0], value, id)) {
            return;
        }
        heapIds[0] = id;
        heapValues[0] = value;
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                break;
            }
            int r = l + 1;
            int w = r < size && worse(heapValues[r], heapIds[r], heapValues[l], heapIds[l]) ? r : l;
            if (!worse(heapValues[w], heapIds[w], heapValues[i], heapIds[i])) {
                break;
            }
            swap(i, w);
            i = w;
        }
    }

    private void swap(int a, int b) {
        int id = heapIds[a];
        heapIds[a] = heapIds[b];
        heapIds[b] = id;
        float v = heapValues[a];
        heapValues[a] = heapValues[b];
        heapValues[b] = v;
    }

    public int size() {
        return size;
    }

    /** The kept ids, ascending by id. */
    public int[] ids() {
        int[] out = Arrays.copyOf(heapIds, size);
        Arrays.sort(out);
        return out;
    }

    /** The kept (id, value) pairs sorted by id, written to {@code ids} and {@code values} (length {@link #size}). */
    public void drainSortedById(int[] ids, float[] values) {
        long[] packed = new long[size];
        for (int i = 0; i < size; i++) {
            packed[i] = ((long) heapIds[i] << 32) | (Float.floatToRawIntBits(heapValues[i]) & 0xffffffffL);
        }
        Arrays.sort(packed); // ids are non-negative, so this orders by id
        for (int i = 0; i < size; i++) {
            ids[i] = (int) (packed[i] >>> 32);
            values[i] = Float.intBitsToFloat((int) packed[i]);
        }
        size = 0;
    }
}
