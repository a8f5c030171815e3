package org.convncf.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convncf.trainer.data.DataFiles.assertDataError;
import static org.convncf.trainer.data.DataFiles.write;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdjacencyListReaderTest {

    @TempDir
    Path dir;

    private static String[] external(Interactions x, int[] items) {
        return Arrays.stream(items).mapToObj(i -> x.items().externalId(i)).toArray(String[]::new);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".gz"})
    void readsTrainValidAndTest(String gz) throws Exception {
        Path train = write(dir, "train.txt" + gz, "0 3 1 2\n\n1 2\t 4  \n2\n   \n3 1\n");
        Path valid = write(dir, "valid.txt" + gz, "0 5\n1 1\n");
        Path test = write(dir, "test.txt" + gz, "0 6 7\n3 3\n4 2\n");
        LoadedDataset d = AdjacencyListReader.read("g", train, valid, test);
        Interactions x = d.train();

        assertThat(x.hasTimestamps()).isFalse();
        assertThat(x.users().externalIds()).containsExactly("0", "1", "2", "3", "4");
        assertThat(x.items().externalIds()).containsExactly("3", "1", "2", "4", "5", "6", "7");
        assertThat(x.size()).isEqualTo(6);
        assertThat(external(x, x.itemsOf(0))).containsExactly("3", "1", "2");
        assertThat(external(x, x.itemsOf(1))).containsExactly("2", "4");
        assertThat(x.degree(2)).as("user line without items").isZero();
        assertThat(x.degree(4)).as("user only in test").isZero();

        HeldOut v = d.validation().orElseThrow();
        assertThat(v.size()).isEqualTo(2);
        assertThat(v.hasNegatives()).isFalse();
        assertThat(external(x, v.itemsOf(0))).containsExactly("5");
        assertThat(v.itemsOf(2)).isEmpty();
        HeldOut t = d.test().orElseThrow();
        assertThat(t.size()).isEqualTo(4);
        assertThat(t.numUsers()).isEqualTo(5);
        assertThat(t.usersWithItems()).isEqualTo(3);
        assertThat(external(x, t.itemsOf(0))).containsExactly("6", "7");
        assertThat(external(x, t.itemsOf(4))).containsExactly("2");
        assertThat(d.describe()).contains("5 users", "7 items", "6 training interactions", "2 given validation",
                "4 given test");
    }

    @Test
    void trainOnly() throws Exception {
        Path train = write(dir, "train.txt", "0 1\n1 0\n");
        LoadedDataset d = AdjacencyListReader.read("g", train, null, null);
        assertThat(d.validation()).isEmpty();
        assertThat(d.test()).isEmpty();
        assertThat(d.train().size()).isEqualTo(2);
    }

    @Test
    void repeatedPairsAreMergedAndCounted() throws Exception {
        Path train = write(dir, "train.txt", "0 1 2 1\n0 2\n");
        LoadedDataset d = AdjacencyListReader.read("g", train, null, null);
        assertThat(d.train().size()).isEqualTo(2);
        assertThat(d.duplicates()).isEqualTo(2);
    }

    @Test
    void nonIntegerIdsAreRejected() {
        Path header = write(dir, "train.txt", "0 1 2\nuser item\n");
        assertDataError(() -> AdjacencyListReader.read("g", header, null, null), header, 2,
                "user id 'user' is not a non-negative integer");
        Path csv = write(dir, "other/train.txt", "0 1\n1 2,3\n");
        assertDataError(() -> AdjacencyListReader.read("g", csv, null, null), csv, 2,
                "item id '2,3' is not a non-negative integer");
        Path test = write(dir, "other/test.txt", "0 1\n\n1 -3\n");
        Path train = write(dir, "third/train.txt", "0 1\n");
        assertDataError(() -> AdjacencyListReader.read("g", train, null, test), test, 3,
                "item id '-3' is not a non-negative integer");
    }

    @Test
    void emptyTrainFileIsAnError() {
        Path train = write(dir, "train.txt", "");
        assertDataError(() -> AdjacencyListReader.read("g", train, null, null), train, 0, "no interactions");
        Path usersOnly = write(dir, "b/train.txt.gz", "0\n1\n");
        assertDataError(() -> AdjacencyListReader.read("g", usersOnly, null, null), usersOnly, 0, "no interactions");
    }
}
