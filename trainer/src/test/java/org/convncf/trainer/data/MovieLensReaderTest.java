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

class MovieLensReaderTest {

    @TempDir
    Path dir;

    private static String[] external(Interactions x, int[] items) {
        return Arrays.stream(items).mapToObj(i -> x.items().externalId(i)).toArray(String[]::new);
    }

    @ParameterizedTest
    @ValueSource(strings = {"u.data", "u.data.gz"})
    void readsUDataInTimeOrder(String name) throws Exception {
        Path file = write(dir, name, "196\t242\t3\t881250949\n196\t302\t1\t881250000\n\n22\t377\t5\t878887116\n"
                + "196\t51\t4\t881250949\n");
        LoadedDataset d = MovieLensReader.read("ml", file, Double.NEGATIVE_INFINITY);
        Interactions x = d.train();
        assertThat(x.hasTimestamps()).isTrue();
        assertThat(x.numUsers()).isEqualTo(2);
        assertThat(x.size()).isEqualTo(4);
        int u = x.users().indexOf("196");
        assertThat(external(x, x.itemsOf(u))).containsExactly("302", "242", "51");
        assertThat(x.timeAt(x.start(u))).isEqualTo(881250000L);
        assertThat(d.test()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ratings.dat", "ratings.dat.gz"})
    void readsRatingsDatWithMinRating(String name) throws Exception {
        Path file = write(dir, name, "1::1193::5::978300760\n1::661::3::978302109\n1::914::4::978301968\n"
                + "2::1357::2::978298709\n2::3068::4::978299000\n");
        Interactions all = MovieLensReader.read("ml", file, Double.NEGATIVE_INFINITY).train();
        assertThat(all.size()).isEqualTo(5);
        Interactions x = MovieLensReader.read("ml", file, 4).train();
        assertThat(x.size()).isEqualTo(3);
        assertThat(external(x, x.itemsOf(x.users().indexOf("1")))).containsExactly("1193", "914");
        assertThat(external(x, x.itemsOf(x.users().indexOf("2")))).containsExactly("3068");
    }

    @Test
    void repeatedRatingsKeepTheLatest() throws Exception {
        Path file = write(dir, "u.data", "1\t10\t5\t300\n1\t11\t5\t200\n1\t10\t2\t100\n");
        LoadedDataset d = MovieLensReader.read("ml", file, 0);
        assertThat(d.duplicates()).isEqualTo(1);
        assertThat(external(d.train(), d.train().itemsOf(0))).containsExactly("11", "10");
        assertThat(d.train().timeAt(1)).isEqualTo(300);
    }

    @Test
    void wrongFieldCount() {
        Path file = write(dir, "u.data", "1\t10\t5\t300\n1\t11\t5\n");
        assertDataError(() -> MovieLensReader.read("ml", file, 0), file, 2, "expected 4 fields", "tabs", "found 3");
        Path colons = write(dir, "x/u.data", "1::10::5::300\n");
        assertDataError(() -> MovieLensReader.read("ml", colons, 0), colons, 1, "found 1");
        Path dat = write(dir, "ratings.dat", "1::10::5::300\n1::10::5\n");
        assertDataError(() -> MovieLensReader.read("ml", dat, 0), dat, 2, "'::'", "found 3");
    }

    @Test
    void nonNumericFields() {
        Path time = write(dir, "u.data", "1\t10\t5\t300\n1\t11\t5\t2001-01-01\n");
        assertDataError(() -> MovieLensReader.read("ml", time, 0), time, 2, "timestamp '2001-01-01' is not an integer");
        Path rating = write(dir, "a/u.data", "1\t10\tfive\t300\n");
        assertDataError(() -> MovieLensReader.read("ml", rating, 0), rating, 1, "rating 'five' is not a number");
        Path user = write(dir, "b/u.data", "\t10\t5\t300\n");
        assertDataError(() -> MovieLensReader.read("ml", user, 0), user, 1, "user id is empty");
    }

    @Test
    void emptyOrFullyFilteredFileIsAnError() {
        Path empty = write(dir, "u.data", "");
        assertThat(assertDataError(() -> MovieLensReader.read("ml", empty, Double.NEGATIVE_INFINITY), empty, 0,
                "no ratings").getMessage()).doesNotContain("Infinity");
        Path low = write(dir, "a/u.data", "1\t10\t1\t300\n1\t11\t2\t300\n");
        assertDataError(() -> MovieLensReader.read("ml", low, 3), low, 0, "no ratings at or above 3", "2 below");
    }
}
