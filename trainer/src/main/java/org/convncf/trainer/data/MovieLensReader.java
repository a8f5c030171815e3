package org.convncf.trainer.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads MovieLens ratings: {@code u.data} of ML-100K ({@code user\titem\trating\ttimestamp}) or
 * {@code ratings.dat} of ML-1M/10M ({@code user::item::rating::timestamp}). Every rating at or above
 * {@code minRating} is an implicit positive, ordered by its timestamp.
 */
public final class MovieLensReader {

    private MovieLensReader() {
    }

    public static LoadedDataset read(String name, Path file, double minRating) throws IOException {
        InteractionsBuilder out = new InteractionsBuilder();
        boolean doubleColon = file.getFileName().toString().startsWith("ratings.dat");
        long[] belowThreshold = {0};
        TextLines.forEach(file, (line, n) -> {
            if (line.isBlank()) {
                return;
            }
            String[] f = doubleColon ? line.split("::", -1) : line.split("\t", -1);
            if (f.length != 4) {
                throw TextLines.error(file, n, "expected 4 fields (user, item, rating, timestamp) separated by "
                        + (doubleColon ? "'::'" : "tabs") + ", found " + f.length);
            }
            NcfReader.requireId(file, n, f[0], "user");
            NcfReader.requireId(file, n, f[1], "item");
            double rating = TextLines.parseDouble(file, n, f[2], "rating");
            long time = TextLines.parseLong(file, n, f[3], "timestamp");
            if (rating < minRating) {
                belowThreshold[0]++;
                return;
            }
            out.add(f[0].trim(), f[1].trim(), time);
        });
        Interactions interactions = out.build();
        if (interactions.size() == 0) {
            throw TextLines.error(file, 0, belowThreshold[0] == 0 ? "no ratings (the file is empty)"
                    : "no ratings at or above " + minRating + " (" + belowThreshold[0] + " below it)");
        }
        return new LoadedDataset(name, interactions, null, null, out.duplicates());
    }
}
