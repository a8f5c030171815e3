package org.convncf.trainer.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the NCF / ConvNCF files ({@code P.train.rating}, {@code P.test.rating},
 * {@code P.test.negative}, optionally gzipped), as released with NCF, ConvNCF and DeepCF.
 *
 * <ul>
 *   <li>rating files: {@code user\titem\trating[\ttimestamp]}, every row an implicit positive;</li>
 *   <li>negative file: {@code (user,item)\tneg1\t...\tnegN}, one line per test user, where
 *       {@code (user,item)} must be that user's test pair.</li>
 * </ul>
 * The test pairs become the given test split (with the given negatives, if the file exists).
 */
public final class NcfReader {

    private NcfReader() {
    }

    public static LoadedDataset read(String name, Path trainFile, Path testFile, Path negativeFile)
            throws IOException {
        InteractionsBuilder train = new InteractionsBuilder();
        readRatings(trainFile, train, null);
        if (train.events() == 0) {
            throw TextLines.error(trainFile, 0, "no interactions (the file is empty)");
        }
        HeldOutBuilder test = new HeldOutBuilder();
        Map<Integer, Integer> testItemByUser = new HashMap<>();
        if (testFile != null) {
            readRatings(testFile, train, (user, item, line) -> {
                if (testItemByUser.putIfAbsent(user, item) != null) {
                    throw TextLines.error(testFile, line,
                            "user '" + train.userIds().build().externalId(user) + "' has a second test item;"
                                    + " this format holds out one item per user");
                }
                test.add(user, item);
            });
        }
        if (negativeFile != null) {
            readNegatives(negativeFile, train, testItemByUser, test);
        }
        Interactions interactions = train.build();
        HeldOut heldOut = testFile == null ? null : test.build(interactions.numUsers());
        return new LoadedDataset(name, interactions, null, heldOut, train.duplicates());
    }

    @FunctionalInterface
    private interface TestSink {
        void accept(int user, int item, long line) throws IOException;
    }

    private static void readRatings(Path file, InteractionsBuilder out, TestSink testSink) throws IOException {
        int[] columns = {-1};
        TextLines.forEach(file, (line, n) -> {
            if (line.isBlank()) {
                return;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 3 || f.length > 4) {
                throw TextLines.error(file, n, "expected 3 or 4 tab-separated fields (user, item, rating[, timestamp]),"
                        + " found " + f.length);
            }
            if (columns[0] == -1) {
                columns[0] = f.length;
            } else if (columns[0] != f.length) {
                throw TextLines.error(file, n, "expected " + columns[0] + " fields like the first line, found " + f.length);
            }
            requireId(file, n, f[0], "user");
            requireId(file, n, f[1], "item");
            TextLines.parseDouble(file, n, f[2], "rating");
            long time = f.length == 4 ? TextLines.parseLong(file, n, f[3], "timestamp") : 0L;
            int user = out.userIds().intern(f[0]);
            int item = out.itemIds().intern(f[1]);
            if (testSink != null) {
                testSink.accept(user, item, n);
            } else if (f.length == 4) {
                out.addInternal(user, item, time, true);
            } else {
                out.addInternal(user, item, 0L, false);
            }
        });
    }

    private static void readNegatives(Path file, InteractionsBuilder ids, Map<Integer, Integer> testItemByUser,
            HeldOutBuilder test) throws IOException {
        TextLines.forEach(file, (line, n) -> {
            if (line.isBlank()) {
                return;
            }
            String[] f = line.split("\t", -1);
            String head = f[0];
            int comma = head.indexOf(',');
            if (!head.startsWith("(") || !head.endsWith(")") || comma < 0) {
                throw TextLines.error(file, n, "expected '(user,item)' as the first field, found '"
                        + TextLines.abbreviate(head) + "'");
            }
            String userId = head.substring(1, comma).trim();
            String itemId = head.substring(comma + 1, head.length() - 1).trim();
            int user = ids.userIds().indexOf(userId);
            int item = ids.itemIds().indexOf(itemId);
            Integer expected = user < 0 ? null : testItemByUser.get(user);
            if (expected == null || expected != item) {
                throw TextLines.error(file, n, "(" + userId + "," + itemId + ") is not a test pair of the test.rating file");
            }
            int[] negatives = new int[f.length - 1];
            for (int k = 1; k < f.length; k++) {
                requireId(file, n, f[k], "negative item");
                negatives[k - 1] = ids.itemIds().intern(f[k].trim());
            }
            if (!test.setNegatives(user, negatives)) {
                throw TextLines.error(file, n, "user '" + userId + "' has a second negatives line");
            }
        });
        for (int user : testItemByUser.keySet()) {
            if (!test.hasNegatives(user)) {
                throw TextLines.error(file, 0, "no negatives line for test user '"
                        + ids.userIds().build().externalId(user) + "'");
            }
        }
    }

    static void requireId(Path file, long line, String field, String what) throws DataFileException {
        if (field.isBlank()) {
            throw TextLines.error(file, line, what + " id is empty");
        }
    }
}
