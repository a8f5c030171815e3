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
            int user = ids.userIds().intern(f[0]);
            for (int k = 1; k < f.length; k++) {
                int item = ids.itemIds().intern(f[k]);
                if (heldOut == null) {
                    ids.addInternal(user, item, 0L, false);
                } else {
                    heldOut.add(user, item);
                }
            }
        });
    }
}
