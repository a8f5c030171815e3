package org.convncf.service.recommend;

import java.util.Arrays;
import org.convncf.nn.Embeddings;

/**
 * Stage one: C candidates for the CNN, from the retrieval model's dot product f_r(u) · q_r over all
 * items, blended with the most popular items (a share of C), never an excluded item.
 */
final class CandidateGenerator {

    private CandidateGenerator() {
    }

    /**
     * @param user            f_r(u)
     * @param retrieval       the retrieval tables
     * @param popularityOrder items by descending popularity
     * @param excluded        items that must not be candidates
     * @param popularityShare fraction of the candidates taken from {@code popularityOrder}
     * @return candidate item ids, at most {@code count}
     */
    static int[] generate(float[] user, Embeddings retrieval, int[] popularityOrder, boolean[] excluded, int count,
            double popularityShare) {
        int numItems = retrieval.numItems();
        float[] scores = new float[numItems];
        float[] table = retrieval.itemTable();
        int dim = retrieval.dim();
        for (int i = 0; i < numItems; i++) {
            float s = 0;
            int base = i * dim;
            for (int d = 0; d < dim; d++) {
                s += user[d] * table[base + d];
            }
            scores[i] = s;
        }
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
            if (!taken[item] && !excluded[item]) {
                taken[item] = true;
                out[n++] = item;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
