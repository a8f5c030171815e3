package org.convncf.rank;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Stage one of the ConvNCF pipeline: which C items the CNN re-ranks. The service serves with this
 * rule and the trainer's two-stage evaluation measures it, so offline figures are those of the
 * pipeline that serves, by construction.
 *
 * <p>The rule: the top {@code C − round(C · share)} items by retrieval score (ties to the lower id,
 * NaN last), then the most popular items not already taken (training count descending, then id
 * ascending) until C; never an excluded item; fewer than C only when fewer items are allowed.
 */
public final class Candidates {

    private Candidates() {
    }

    /** Item ids by descending count, ties by ascending id. */
    public static int[] popularityOrder(int[] counts) {
        return IntStream.range(0, counts.length).boxed()
                .sorted((a, b) -> counts[a] != counts[b] ? Integer.compare(counts[b], counts[a]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * @param scores          retrieval score of every item
     * @param excluded        items that must not be candidates (null: none)
     * @param count           C
     * @param popularityShare fraction of C taken from {@code popularityOrder}, in [0, 1]
     * @param popularityOrder items by descending popularity ({@link #popularityOrder(int[])})
     * @return the candidates, retrieved ones first (best first), then popular ones in popularity order
     */
    public static int[] select(float[] scores, boolean[] excluded, int count, double popularityShare,
            int[] popularityOrder) {
        if (!(popularityShare >= 0 && popularityShare <= 1)) {
            throw new IllegalArgumentException("popularity share must be in [0, 1], got " + popularityShare);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        int numItems = scores.length;
        int fromPopularity = (int) Math.round(count * popularityShare);
        int[] top = TopK.select(scores, numItems, excluded, count - fromPopularity);
        if (fromPopularity == 0) {
            return top;
        }
        boolean[] taken = new boolean[numItems];
        for (int i : top) {
            taken[i] = true;
        }
        int[] out = Arrays.copyOf(top, count);
        int n = top.length;
        for (int i = 0; i < popularityOrder.length && n < count; i++) {
            int item = popularityOrder[i];
            if (!taken[item] && (excluded == null || !excluded[item])) {
                taken[item] = true;
                out[n++] = item;
            }
        }
        return n == count ? out : Arrays.copyOf(out, n);
    }
}
