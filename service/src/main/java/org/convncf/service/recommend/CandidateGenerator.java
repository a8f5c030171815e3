package org.convncf.service.recommend;

import org.convncf.nn.Embeddings;
import org.convncf.rank.Candidates;

/**
 * Stage one: C candidates for the CNN, from the retrieval model's dot product f_r(u) · q_r over all
 * items, blended with the most popular items (a share of C), never an excluded item, by the rule
 * the trainer's two-stage evaluation measures ({@link Candidates}).
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
        return Candidates.select(scores, excluded, count, popularityShare, popularityOrder);
    }
}
