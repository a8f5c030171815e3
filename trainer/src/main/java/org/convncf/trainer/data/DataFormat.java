package org.convncf.trainer.data;

import java.util.Locale;

/** The file layouts the trainer reads. {@link #AUTO} picks one from the files it finds. */
public enum DataFormat {
    /** NCF / ConvNCF / DeepCF: {@code P.train.rating}, {@code P.test.rating}, {@code P.test.negative}. */
    NCF,
    /** NGCF / LightGCN adjacency lines: {@code train.txt} [{@code valid.txt}] [{@code test.txt}]. */
    LIGHTGCN,
    /** MovieLens {@code u.data} (tab) or {@code ratings.dat} ({@code ::}). */
    MOVIELENS,
    /** Delimited {@code user,item[,timestamp]} with an optional header. */
    CSV,
    /** A generated dataset with planted structure, for the quick start and tests. */
    SYNTHETIC,
    /** Detect from the file names. */
    AUTO;

    public static DataFormat parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown data format '" + s + "' (expected ncf, lightgcn, movielens, csv,"
                    + " synthetic or auto)");
        }
    }
}
