package org.convncf.trainer.model.knn;

import org.convncf.rank.CosineRow;

/**
 * Top-k cosine neighbours with a shrink term over binary data for every entity (an item for ItemKNN,
 * a user for UserKNN), each row computed sparsely by {@link CosineRow} from co-occurrences:
 * <pre>  sim(e, f) = |F_e ∩ F_f| / (sqrt|F_e| · sqrt|F_f| + shrink)</pre>
 * keeping the k largest (ties: lower id), never e itself. Cost: Σ over features of (entities per
 * feature)², spread over cores; results do not depend on thread scheduling.
 *
 * <p>This is the cosine of Ferrari Dacrema et al.'s {@code Compute_Similarity} (RecSys 2019
 * evaluation code) without its 1e-6 guard, which only protects empty rows that never co-occur here.
 */
public final class CosineNeighbours {

    private CosineNeighbours() {
    }

    /** {@code sqrt|F_e|} of every row of {@code features}. */
    private static double[] norms(Adjacency features) {
        double[] norm = new double[features.rows()];
        for (int e = 0; e < norm.length; e++) {
            norm[e] = Math.sqrt(features.degree(e));
        }
        return norm;
    }

    /**
     * @param features entity → its features (rows: entities)
     * @param entities feature → its entities (the transpose of {@code features})
     * @return entity → its kept neighbours, ascending by id, weighted by similarity
     */
    public static Neighbours compute(Adjacency features, Adjacency entities, int k, double shrink, int threads) {
        int n = features.rows();
        double[] norm = norms(features);
        int keep = Math.max(1, Math.min(k, n));
        int[][] rowIds = new int[n][];
        float[][] rowWeights = new float[n][];
        Parallel.forRows(n, threads, () -> new CosineRow(n, keep), (row, e) -> {
            row.compute(features.cols(), features.start(e), features.end(e), e, norm[e], entities.offsets(),
                    entities.cols(), norm, shrink);
            rowIds[e] = row.ids();
            rowWeights[e] = row.weights();
        });
        return Neighbours.of(rowIds, rowWeights, n);
    }
}
