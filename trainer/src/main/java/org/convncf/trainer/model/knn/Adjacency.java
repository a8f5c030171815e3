package org.convncf.trainer.model.knn;

import java.util.Objects;
import org.convncf.trainer.data.Interactions;

/**
 * A binary bipartite adjacency in compressed sparse row form: row {@code r}'s columns are
 * {@code cols[offsets[r] .. offsets[r+1])}, ascending. Built once per fit from the training view
 * (users → items) and transposed (items → users) so that co-occurrences can be counted sparsely.
 * Immutable and plain arrays; shared by the neighbourhood models (ItemKNN, UserKNN, RP3β, EASE^R).
 */
public final class Adjacency {

    private final int[] offsets;
    private final int[] cols;
    private final int numCols;

    private Adjacency(int[] offsets, int[] cols, int numCols) {
        this.offsets = offsets;
        this.cols = cols;
        this.numCols = numCols;
    }

    /** Users → their training items, each row sorted by item id. */
    public static Adjacency userItems(Interactions train) {
        int numUsers = train.numUsers();
        int[] offsets = new int[numUsers + 1];
        int[] cols = new int[train.size()];
        for (int u = 0; u < numUsers; u++) {
            int[] items = train.sortedItemsOf(u);
            System.arraycopy(items, 0, cols, offsets[u], items.length);
            offsets[u + 1] = offsets[u] + items.length;
        }
        return new Adjacency(offsets, cols, train.numItems());
    }

    /** The transpose: column → the rows that hold it, ascending (a counting sort; O(rows + nnz)). */
    public Adjacency transpose() {
        int[] tOffsets = new int[numCols + 1];
        for (int c : cols) {
            tOffsets[c + 1]++;
        }
        for (int c = 0; c < numCols; c++) {
            tOffsets[c + 1] += tOffsets[c];
        }
        int[] cursor = java.util.Arrays.copyOf(tOffsets, numCols);
        int[] tCols = new int[cols.length];
        for (int r = 0; r < rows(); r++) {
            for (int p = offsets[r]; p < offsets[r + 1]; p++) {
                tCols[cursor[cols[p]]++] = r;
            }
        }
        return new Adjacency(tOffsets, tCols, rows());
    }

    public int rows() {
        return offsets.length - 1;
    }

    public int numCols() {
        return numCols;
    }

    /** Number of (row, column) entries. */
    public int nnz() {
        return cols.length;
    }

    public int start(int row) {
        return offsets[row];
    }

    public int end(int row) {
        return offsets[row + 1];
    }

    public int degree(int row) {
        return offsets[row + 1] - offsets[row];
    }

    /** The CSR row offsets (rows + 1), shared: do not modify. */
    int[] offsets() {
        return offsets;
    }

    /** The CSR columns, shared: do not modify. */
    int[] cols() {
        return cols;
    }

    /** The column at flat position {@code p} (between {@link #start} and {@link #end} of a row). */
    public int col(int p) {
        return cols[p];
    }

    /** Whether {@code row} holds {@code col}: O(log degree). */
    public boolean contains(int row, int col) {
        return java.util.Arrays.binarySearch(cols, offsets[row], offsets[row + 1], col) >= 0;
    }

    /** The row's columns, ascending; a fresh copy. */
    public int[] row(int row) {
        Objects.checkIndex(row, rows());
        return java.util.Arrays.copyOfRange(cols, offsets[row], offsets[row + 1]);
    }
}
