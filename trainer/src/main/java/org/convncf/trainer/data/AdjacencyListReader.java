package org.convncf.trainer.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads adjacency-list files as released with NGCF, LightGCN and LightGCN++: one line per user,
 * whitespace-separated {@code user item item ...}, no timestamps. A line with a user and no items is
 * allowed (the user simply has no interactions in that file).
 */
public final class AdjacencyListReader {

    private AdjacencyListReader() {
    }

    /**
     * @param trainFile  the training interactions
     * @param validFile  a given validation split, or null
     * @param testFile   a given test split, or null
     */
    public static LoadedDataset read(String name, Path trainFile, Path validFile, Path testFile) throws IOException {
        InteractionsBuilder train = new InteractionsBuilder();
        readInto(trainFile, train, null);
        if (train.events() == 0) {
            throw TextLines.error(trainFile, 0, "no interactions (the file is empty or lists users without items)");
        }
        HeldOutBuilder valid = validFile == null ? null : new HeldOutBuilder();
        if (validFile != null) {
            readInto(validFile, train, valid);
        }
        HeldOutBuilder test = testFile == null ? null : new HeldOutBuilder();
        if (testFile != null) {
            readInto(testFile, train, test);
        }
        Interactions interactions = train.build();
        return new LoadedDataset(name, interactions,
                valid == null ? null : valid.build(interactions.numUsers()),
                test == null ? null : test.build(interactions.numUsers()),
                train.duplicates());
    }

    private static void readInto(Path file, InteractionsBuilder ids, HeldOutBuilder heldOut) throws IOException {
        TextLines.forEach(file, (line, n) -> {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                return;
            }
            String[] f = trimmed.split("\\s+");
            requireIndex(file, n, f[0], "user");
            int user = ids.userIds().intern(f[0]);
            for (int k = 1; k < f.length; k++) {
                requireIndex(file, n, f[k], "item");
                int item = ids.itemIds().intern(f[k]);
                if (heldOut == null) {
                    ids.addInternal(user, item, 0L, false);
                } else {
                    heldOut.add(user, item);
                }
            }
        });
    }

    /** The format's ids are non-negative decimal integers; anything else means a wrong or damaged file. */
    private static void requireIndex(Path file, long line, String token, String what) throws DataFileException {
        for (int k = 0; k < token.length(); k++) {
            char c = token.charAt(k);
            if (c < '0' || c > '9') {
                throw TextLines.error(file, line, what + " id '" + TextLines.abbreviate(token)
                        + "' is not a non-negative integer");
            }
        }
    }
}
