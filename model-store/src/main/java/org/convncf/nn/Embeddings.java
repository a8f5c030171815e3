package org.convncf.nn;

/**
 * A user-embedding function and the matching item table: f(u) and q of one model, enough to score
 * by dot product or to feed an interaction network.
 *
 * @param users     f
 * @param itemTable q as (numItems × dim) row-major
 */
public record Embeddings(UserEmbedding users, float[] itemTable) {

    public Embeddings {
        if (itemTable.length % users.dim() != 0) {
            throw new IllegalArgumentException("item table size " + itemTable.length + " is not a multiple of " + users.dim());
        }
    }

    public int dim() {
        return users.dim();
    }

    public int numItems() {
        return itemTable.length / users.dim();
    }

    /** f(u) · q_i. */
    public float dot(float[] userVector, int item) {
        int dim = users.dim();
        int base = item * dim;
        float s = 0;
        for (int d = 0; d < dim; d++) {
            s += userVector[d] * itemTable[base + d];
        }
        return s;
    }
}
