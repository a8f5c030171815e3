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

class NcfReaderTest {

    @TempDir
    Path dir;

    private static int[] external(Interactions x, int[] items) {
        return Arrays.stream(items).map(i -> Integer.parseInt(x.items().externalId(i))).toArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".gz"})
    void readsThreeColumnTrainInFileOrder(String gz) throws Exception {
        Path train = write(dir, "p.train.rating" + gz, "0\t5\t1\n0\t3\t2\r\n\n1\t5\t4.5\n0\t5\t1\n");
        LoadedDataset d = NcfReader.read("p", train, null, null);
        Interactions x = d.train();
        assertThat(d.name()).isEqualTo("p");
        assertThat(x.hasTimestamps()).isFalse();
        assertThat(x.numUsers()).isEqualTo(2);
        assertThat(x.numItems()).isEqualTo(2);
        assertThat(x.size()).isEqualTo(3);
        assertThat(d.duplicates()).isEqualTo(1);
        int u0 = x.users().indexOf("0");
        assertThat(external(x, x.itemsOf(u0))).containsExactly(3, 5); // repeat of 5 moved to its last position
        assertThat(d.test()).isEmpty();
        assertThat(d.validation()).isEmpty();
    }

    @Test
    void readsFourColumnTrainOrderedByTimestamp() throws Exception {
        Path train = write(dir, "p.train.rating", "0\t1\t5\t300\n0\t2\t5\t100\n0\t3\t5\t200\n");
        Interactions x = NcfReader.read("p", train, null, null).train();
        assertThat(x.hasTimestamps()).isTrue();
        assertThat(external(x, x.itemsOf(0))).containsExactly(2, 3, 1);
        assertThat(x.timeAt(0)).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".gz"})
    void readsTestPairsAndNegativesIncludingIdsOnlySeenInNegatives(String gz) throws Exception {
        Path train = write(dir, "p.train.rating" + gz, "0\t1\t1\n0\t2\t1\n1\t2\t1\n");
        Path test = write(dir, "p.test.rating" + gz, "0\t3\t1\n1\t1\t1\n2\t2\t1\n");
        Path neg = write(dir, "p.test.negative" + gz,
                "(0,3)\t7\t2\t8\r\n(1,1)\t8\t9\t0\n(2,2)\t1\t3\t7\n");
        LoadedDataset d = NcfReader.read("p", train, test, neg);
        Interactions x = d.train();

        assertThat(x.numUsers()).as("user 2 only appears in the test files").isEqualTo(3);
        assertThat(x.items().externalIds()).containsExactly("1", "2", "3", "7", "8", "9", "0");
        assertThat(x.size()).as("test pairs are not training interactions").isEqualTo(3);
        int u0 = x.users().indexOf("0");
        int u2 = x.users().indexOf("2");
        assertThat(x.contains(u0, x.items().indexOf("3"))).isFalse();
        assertThat(x.degree(u2)).isZero();

        HeldOut t = d.test().orElseThrow();
        assertThat(t.size()).isEqualTo(3);
        assertThat(t.numUsers()).isEqualTo(3);
        assertThat(t.usersWithItems()).isEqualTo(3);
        assertThat(t.hasNegatives()).isTrue();
        assertThat(external(x, t.itemsOf(u0))).containsExactly(3);
        assertThat(external(x, t.negativesOf(u0))).containsExactly(7, 2, 8);
        assertThat(external(x, t.negativesOf(x.users().indexOf("1")))).containsExactly(8, 9, 0);
        assertThat(external(x, t.itemsOf(u2))).containsExactly(2);
        assertThat(d.describe()).contains("3 users", "7 items", "3 training interactions", "3 given test",
                "with given negatives");
    }

    @Test
    void testWithoutNegativesFile() throws Exception {
        Path train = write(dir, "p.train.rating", "0\t1\t1\n");
        Path test = write(dir, "p.test.rating", "0\t2\t1\t99\n");
        HeldOut t = NcfReader.read("p", train, test, null).test().orElseThrow();
        assertThat(t.hasNegatives()).isFalse();
        assertThat(t.size()).isEqualTo(1);
    }

    @Test
    void negativesHeadMustBeTheUsersTestPair() {
        Path train = write(dir, "p.train.rating", "0\t1\t1\n1\t1\t1\n");
        Path test = write(dir, "p.test.rating", "0\t2\t1\n1\t3\t1\n");
        Path neg = write(dir, "p.test.negative", "(0,2)\t4\n(1,2)\t4\n");
        assertDataError(() -> NcfReader.read("p", train, test, neg), neg, 2, "(1,2) is not a test pair");
    }

    @Test
    void negativesHeadForAUserWithoutTestPair() {
        Path train = write(dir, "p.train.rating", "0\t1\t1\n");
        Path test = write(dir, "p.test.rating", "0\t2\t1\n");
        Path neg = write(dir, "p.test.negative", "(0,2)\t4\n(5,2)\t4\n");
        assertDataError(() -> NcfReader.read("p", train, test, neg), neg, 2, "(5,2) is not a test pair");
    }

    @Test
    void negativesHeadMustBeParenthesised() {
        Path train = write(dir, "p.train.rating", "0\t1\t1\n");
        Path test = write(dir, "p.test.rating", "0\t2\t1\n");
        Path neg = write(dir, "p.test.negative", "0,2\t4\n");
        assertDataError(() -> NcfReader.read("p", train, test, neg), neg, 1, "expected '(user,item)'", "'0,2'");
    }

    @Test
    void missingNegativesLineIsReportedWithTheUser() {
        Path train = write(dir, "p.train.rating", "0\t1\t1\n");
        Path test = write(dir, "p.test.rating", "0\t2\t1\n7\t1\t1\n");
        Path neg = write(dir, "p.test.negative", "(0,2)\t4\t5\n");
        assertDataError(() -> NcfReader.read("p", train, test, neg), neg, 0,
                "no negatives line for test user '7'");
    }

    @Test
    void secondNegativesLineForAUserIsRejected() {
        Path train = write(dir, "p.train.rating", "0\t1\t1\n");
        Path test = write(dir, "p.test.rating", "0\t2\t1\n");
        Path neg = write(dir, "p.test.negative", "(0,2)\t4\n\n(0,2)\t5\n");
        assertDataError(() -> NcfReader.read("p", train, test, neg), neg, 3, "second negatives line");
    }

    @Test
    void emptyNegativeIdIsRejected() {
        Path train = write(dir, "p.train.rating", "0\t1\t1\n");
        Path test = write(dir, "p.test.rating", "0\t2\t1\n");
        Path neg = write(dir, "p.test.negative", "(0,2)\t4\t\t5\n");
        assertDataError(() -> NcfReader.read("p", train, test, neg), neg, 1, "negative item id is empty");
    }

    @Test
    void duplicateTestUserIsRejected() {
        Path train = write(dir, "p.train.rating", "0\t1\t1\n");
        Path test = write(dir, "p.test.rating", "0\t2\t1\n1\t2\t1\n0\t3\t1\n");
        assertDataError(() -> NcfReader.read("p", train, test, null), test, 3,
                "user '0' has a second test item");
    }

    @Test
    void wrongFieldCount() {
        Path train = write(dir, "p.train.rating", "0\t1\t1\n0\t2\n");
        assertDataError(() -> NcfReader.read("p", train, null, null), train, 2,
                "expected 3 or 4 tab-separated fields", "found 2");
        Path spaces = write(dir, "q.train.rating", "0 1 1\n");
        assertDataError(() -> NcfReader.read("q", spaces, null, null), spaces, 1, "found 1");
        Path five = write(dir, "r.train.rating", "0\t1\t1\t5\t6\n");
        assertDataError(() -> NcfReader.read("r", five, null, null), five, 1, "found 5");
    }

    @Test
    void columnCountMustNotChange() {
        Path train = write(dir, "p.train.rating", "0\t1\t1\n0\t2\t1\n0\t3\t1\t77\n");
        assertDataError(() -> NcfReader.read("p", train, null, null), train, 3,
                "expected 3 fields like the first line, found 4");
    }

    @Test
    void nonNumericRatingAndTimestamp() {
        Path header = write(dir, "h.train.rating", "user\titem\trating\n");
        assertDataError(() -> NcfReader.read("h", header, null, null), header, 1, "rating 'rating' is not a number");
        Path time = write(dir, "t.train.rating", "0\t1\t1\t10\n0\t2\t1\tyesterday\n");
        assertDataError(() -> NcfReader.read("t", time, null, null), time, 2, "timestamp 'yesterday' is not an integer");
        Path nan = write(dir, "n.train.rating", "0\t1\tNaN\n");
        assertDataError(() -> NcfReader.read("n", nan, null, null), nan, 1, "is not a number");
    }

    @Test
    void testFileIsCheckedLikeTheTrainFile() {
        Path train = write(dir, "p.train.rating", "0\t1\t1\t5\n");
        Path test = write(dir, "p.test.rating", "0\t2\t1\t7\n1\t2\t1\tlater\n");
        assertDataError(() -> NcfReader.read("p", train, test, null), test, 2, "timestamp 'later' is not an integer");
        Path short2 = write(dir, "q.test.rating", "0\t2\n");
        assertDataError(() -> NcfReader.read("p", train, short2, null), short2, 1, "found 2");
    }

    @Test
    void emptyIds() {
        Path train = write(dir, "p.train.rating", "0\t1\t1\n\t1\t1\n");
        assertDataError(() -> NcfReader.read("p", train, null, null), train, 2, "user id is empty");
        Path item = write(dir, "q.train.rating", "0\t \t1\n");
        assertDataError(() -> NcfReader.read("q", item, null, null), item, 1, "item id is empty");
    }

    @Test
    void emptyTrainFileIsAnError() {
        Path train = write(dir, "p.train.rating", "");
        assertDataError(() -> NcfReader.read("p", train, null, null), train, 0, "no interactions");
        Path blank = write(dir, "q.train.rating.gz", "\n\n");
        assertDataError(() -> NcfReader.read("q", blank, null, null), blank, 0, "no interactions");
    }
}
