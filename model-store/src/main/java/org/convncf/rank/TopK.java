package org.convncf.rank;

import java.util.Arrays;

/**
 * Indices of the k largest scores in descending order; ties go to the lower index and NaN ranks below
 * every number (a broken score never displaces a real one).
 */
public final class TopK {

    private TopK() {
    }

    /**
     * @param scores  candidate scores
     * @param n       number of candidates
     * @param skip    candidates to leave out (null: none)
     */
    public static int[] select(float[] scores, int n, boolean[] skip, int k) {
        int[] heap = new int[Math.max(1, k)];
        int size = 0;
        for (int i = 0; i < n; i++) {
            if (skip != null && skip[i]) {
                continue;
            }
            if (size < k) {
                heap[size] = i;
                siftUp(heap, size++, scores);
            } else if (k > 0 && better(i, heap[0], scores)) {
                heap[0] = i;
                siftDown(heap, size, scores);
            }
        }
        int[] out = Arrays.copyOf(heap, size);
        // Descending order by repeatedly taking the worst from the heap.
        for (int end = size - 1; end >= 0; end--) {
            out[end] = heap[0];
            heap[0] = heap[end];
            siftDown(heap, end, scores);
        }
        return out;
    }

    private static boolean better(int a, int b, float[] s) {
        float x = key(s[a]);
        float y = key(s[b]);
        return x > y || (x == y && a < b);
    }

    private static float key(float score) {
        return Float.isNaN(score) ? Float.NEGATIVE_INFINITY : score;
    }

    private static void siftUp(int[] heap, int i, float[] s) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!better(heap[parent], heap[i], s)) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[parent];
            heap[parent] = t;
            i = parent;
        }
    }

    private static void siftDown(int[] heap, int size, float[] s) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int worst = l + 1 < size && better(heap[l], heap[l + 1], s) ? l + 1 : l;
            if (!better(heap[i], heap[worst], s)) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[worst];
            heap[worst] = t;
            i = worst;
        }
    }
}
