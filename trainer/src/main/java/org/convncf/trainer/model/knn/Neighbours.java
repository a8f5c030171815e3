package org.convncf.trainer.model.knn;

import java.util.Arrays;
import org.convncf.rank.TopKHeap;

/**
 * Weighted neighbour lists in compressed sparse row form: row {@code r}'s neighbours are
 * {@code ids[offsets[r] .. offsets[r+1])}, ascending by id, with {@code weights} alongside.
 * Ascending ids make every score a sum taken in one fixed order, so the pair and full-ranking
 * scoring paths give bit-identical floats. Immutable.
 */
public final class Neighbours {

    private final int[] offsets;
    private final int[] ids;
    private final float[] weights;
    private final int numCols;

    Neighbours(int[] offsets, int[] ids, float[] weights, int numCols) {
        if (offsets[offsets.length - 1] != ids.length || ids.length != weights.length) {
            throw new IllegalArgumentException("offsets, ids and weights disagree in length");
        }
        this.offsets = offsets;
        this.ids = ids;
        this.weights = weights;
        this.numCols = numCols;
    }

    /** Assembles per-row lists (each sorted by id) into CSR arrays. */
    public static Neighbours of(int[][] rowIds, float[][] rowWeights, int numCols) {
        int rows = rowIds.length;
        int[] offsets = new int[rows + 1];
        for (int r = 0; r < rows; r++) {
            offsets[r + 1] = offsets[r] + rowIds[r].length;
        }
        int[] ids = new int[offsets[rows]];
        float[] weights = new float[offsets[rows]];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(rowIds[r], 0, ids, offsets[r], rowIds[r].length);
            System.arraycopy(rowWeights[r], 0, weights, offsets[r], rowWeights[r].length);
        }
        return new Neighbours(offsets, ids, weights, numCols);
    }

    /** The transpose: for each column, the rows that list it, ascending, with the same weights. */
    public Neighbours transpose() {
        int[] tOffsets = new int[numCols + 1];
        for (int id : ids) {
            tOffsets[id + 1]++;
        }
        for (int c = 0; c < numCols; c++) {
            tOffsets[c + 1] += tOffsets[c];
        }
        int[] cursor = Arrays.copyOf(tOffsets, numCols);
        int[] tIds = new int[ids.length];
        float[] tWeights = new float[ids.length];
        for (int r = 0; r < rows(); r++) {
            for (int p = offsets[r]; p < offsets[r + 1]; p++) {
                int at = cursor[ids[p]]++;
                tIds[at] = r;
                tWeights[at] = weights[p];
            }
        }
        return new Neighbours(tOffsets, tIds, tWeights, rows());
    }

    /** A copy keeping, in every row, only the {@code k} largest weights (ties: lower id). */
    public Neighbours keepTopK(int k) {
        TopKHeap top = new TopKHeap(k);
        int[][] rowIds = new int[rows()][];
        float[][] rowWeights = new float[rows()][];
        int[] idBuf = new int[k];
        float[] valueBuf = new float[k];
        for (int r = 0; r < rows(); r++) {
            if (size(r) <= k) {
                rowIds[r] = idsOf(r);
                rowWeights[r] = weightsOf(r);
                continue;
            }
            top.reset();
            for (int p = offsets[r]; p < offsets[r + 1]; p++) {
                top.offer(ids[p], weights[p]);
            }
            int size = top.size();
            top.drainSortedById(idBuf, valueBuf);
            rowIds[r] = Arrays.copyOf(idBuf, size);
            rowWeights[r] = Arrays.copyOf(valueBuf, size);
        }
        return of(rowIds, rowWeights, numCols);
    }

    public int rows() {
        return offsets.length - 1;
    }

    /** Number of entries. */
    public int nnz() {
        return ids.length;
    }

    public int start(int row) {
        return offsets[row];
    }

    public int end(int row) {
        return offsets[row + 1];
    }

    public int size(int row) {
        return offsets[row + 1] - offsets[row];
    }

    public int id(int p) {
        return ids[p];
    }

    public float weight(int p) {
        return weights[p];
    }

    /** The weight of {@code col} in {@code row}'s list, 0 when it is not kept. */
    public float weight(int row, int col) {
        int p = Arrays.binarySearch(ids, offsets[row], offsets[row + 1], col);
        return p >= 0 ? weights[p] : 0f;
    }

    /** The row's neighbour ids, ascending; a fresh copy. */
    public int[] idsOf(int row) {
        return Arrays.copyOfRange(ids, offsets[row], offsets[row + 1]);
    }

    /** The row's weights, in the order of {@link #idsOf}; a fresh copy. */
    public float[] weightsOf(int row) {
        return Arrays.copyOfRange(weights, offsets[row], offsets[row + 1]);
    }
}
