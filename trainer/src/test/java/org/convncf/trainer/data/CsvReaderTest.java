package org.convncf.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.convncf.trainer.data.DataFiles.assertDataError;
import static org.convncf.trainer.data.DataFiles.write;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.convncf.trainer.data.CsvReader.Column;
import org.convncf.trainer.data.CsvReader.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvReaderTest {

    @TempDir
    Path dir;

    private static LoadedDataset read(Path file) throws Exception {
        return CsvReader.read("c", file, Options.DEFAULT);
    }

    private static List<String> items(Interactions x, String user) {
        int u = x.users().indexOf(user);
        assertThat(u).as("user %s", user).isNotNegative();
        return Arrays.stream(x.itemsOf(u)).mapToObj(i -> x.items().externalId(i)).toList();
    }

    private static List<Long> times(Interactions x, String user) {
        int u = x.users().indexOf(user);
        List<Long> out = new ArrayList<>();
        for (int k = x.start(u); k < x.end(u); k++) {
            out.add(x.timeAt(k));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"log.csv", "log.csv.gz"})
    void headerFoundByNamesInAnyOrderWithExtraColumns(String name) throws Exception {
        Path file = write(dir, name, "Timestamp,extra,ItemId,user_id\n30,a,x,alice\n10,b,y,alice\n20,c,z,bob\n");
        LoadedDataset d = read(file);
        Interactions x = d.train();
        assertThat(x.hasTimestamps()).isTrue();
        assertThat(x.users().externalIds()).containsExactly("alice", "bob");
        assertThat(items(x, "alice")).containsExactly("y", "x");
        assertThat(times(x, "alice")).containsExactly(10L, 30L);
        assertThat(d.name()).isEqualTo("c");
    }

    @Test
    void headerWithoutTimeColumn() throws Exception {
        Path file = write(dir, "log.csv", "movieId,userId\nm1,u1\nm2,u1\n");
        Interactions x = read(file).train();
        assertThat(x.hasTimestamps()).isFalse();
        assertThat(items(x, "u1")).containsExactly("m1", "m2");
    }

    @Test
    void positionalTwoColumns() throws Exception {
        Path file = write(dir, "log.csv", "u1,i1\nu1,i2\n\nu2,i1\nu1,i1\n");
        LoadedDataset d = read(file);
        Interactions x = d.train();
        assertThat(x.hasTimestamps()).isFalse();
        assertThat(items(x, "u1")).containsExactly("i2", "i1");
        assertThat(d.duplicates()).isEqualTo(1);
        assertThat(x.size()).isEqualTo(3);
    }

    @Test
    void positionalThreeColumnsAreUserItemTimestamp() throws Exception {
        Path file = write(dir, "log.csv", "u1,i1,300\nu1,i2,100\nu1,i3,-5\n");
        Interactions x = read(file).train();
        assertThat(items(x, "u1")).containsExactly("i3", "i2", "i1");
        assertThat(times(x, "u1")).containsExactly(-5L, 100L, 300L);
    }

    @Test
    void quotedFieldsWithDelimiterAndEscapedQuotes() throws Exception {
        Path file = write(dir, "log.csv", "\"user\",\"item\"\n\"Smith, J.\",\"The \"\"Best\"\" Album\"\n"
                + "\"Smith, J.\",plain\n  bob  ,\"a;b\"\n");
        Interactions x = read(file).train();
        assertThat(x.users().externalIds()).containsExactly("Smith, J.", "bob");
        assertThat(items(x, "Smith, J.")).containsExactly("The \"Best\" Album", "plain");
        assertThat(items(x, "bob")).containsExactly("a;b");
    }

    @Test
    void isoAndIntegerTimestamps() throws Exception {
        Path file = write(dir, "log.csv", "user,item,time\n"
                + "u,instant,2024-01-02T03:04:05Z\n"
                + "u,offset,2024-01-02T03:04:05+02:00\n"
                + "u,space,2024-01-02 03:04:06\n"
                + "u,local,2024-01-02T03:04:07\n"
                + "u,date,2024-01-01\n");
        Interactions x = read(file).train();
        long t = Instant.parse("2024-01-02T03:04:05Z").getEpochSecond();
        assertThat(items(x, "u")).containsExactly("date", "offset", "instant", "space", "local");
        assertThat(times(x, "u")).containsExactly(Instant.parse("2024-01-01T00:00:00Z").getEpochSecond(),
                t - 7200, t, t + 1, t + 2);
        Path ints = write(dir, "b/log.csv", "user,item,ts\nu,a,1700000000000\nu,b,17\n");
        Interactions y = read(ints).train();
        assertThat(times(y, "u")).containsExactly(17L, 1_700_000_000_000L);
    }

    @Test
    void explicitColumnRoles() throws Exception {
        Path file = write(dir, "log.csv", "x1,alice,5,999\nx2,alice,2,998\nx3,bob,4,997\n");
        Options options = new Options((char) 0, Options.parseColumns("item, user, rating, timestamp"), 3);
        LoadedDataset d = CsvReader.read("c", file, options);
        assertThat(items(d.train(), "alice")).containsExactly("x1");
        assertThat(items(d.train(), "bob")).containsExactly("x3");
        Options ignoring = new Options((char) 0, Options.parseColumns("item,user,-,-"), Double.NEGATIVE_INFINITY);
        Interactions all = CsvReader.read("c", file, ignoring).train();
        assertThat(all.hasTimestamps()).isFalse();
        assertThat(items(all, "alice")).containsExactly("x1", "x2");
    }

    @Test
    void explicitColumnsSkipAHeaderLine() throws Exception {
        Path file = write(dir, "log.csv", "user,item,rating\nu,i,5\n");
        Options options = new Options(',', Options.parseColumns("user,item,rating"), 0);
        assertThat(CsvReader.read("c", file, options).train().size()).isEqualTo(1);
    }

    @Test
    void headerRatingColumnWithMinRating() throws Exception {
        Path file = write(dir, "log.csv", "userId,movieId,rating,timestamp\n1,10,4.5,5\n1,11,2.0,6\n");
        LoadedDataset d = CsvReader.read("c", file, new Options((char) 0, null, 3.5));
        assertThat(items(d.train(), "1")).containsExactly("10");
        assertDataError(() -> CsvReader.read("c", file, new Options((char) 0, null, 5)), file, 0,
                "no interactions", "2 below min-rating");
    }

    @Test
    void parseColumnsValidates() {
        assertThat(Options.parseColumns("user,item,ts,,ignore")).containsExactly(Column.USER, Column.ITEM,
                Column.TIMESTAMP, Column.IGNORE, Column.IGNORE);
        assertThatThrownBy(() -> Options.parseColumns("user,item,price"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown column role 'price'");
        assertThatThrownBy(() -> Options.parseColumns("user,user,item"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one user");
        assertThatThrownBy(() -> Options.parseColumns("user,-"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\t", ";"})
    void detectsTabAndSemicolon(String sep) throws Exception {
        Path file = write(dir, "log.csv", String.join(sep, "user", "item", "timestamp") + "\n"
                + String.join(sep, "u", "a,b", "2") + "\n" + String.join(sep, "u", "c", "1") + "\n");
        // a comma in a data line does not matter: the first line decides
        assertThat(items(read(file).train(), "u")).containsExactly("c", "a,b");
        assertThat(CsvReader.detectDelimiter("a;b,c")).isEqualTo(',');
        assertThat(CsvReader.detectDelimiter("a;b")).isEqualTo(';');
        assertThat(CsvReader.detectDelimiter("a;b\tc,d")).isEqualTo('\t');
    }

    @Test
    void explicitDelimiter() throws Exception {
        Path file = write(dir, "log.csv", "u|a\nu|b\n");
        Interactions x = CsvReader.read("c", file, new Options('|', null, Double.NEGATIVE_INFINITY)).train();
        assertThat(items(x, "u")).containsExactly("a", "b");
    }

    @Test
    void moreThanThreeColumnsWithoutHeaderAreRejected() {
        Path file = write(dir, "log.csv", "u,i,5,100\n");
        assertDataError(() -> read(file), file, 1, "found 4 fields without a header");
        Path one = write(dir, "b/log.csv", "just-one-field\n");
        assertDataError(() -> read(one), one, 1, "found 1 fields without a header");
    }

    @Test
    void headerErrors() {
        Path noItem = write(dir, "log.csv", "user,timestamp\nu,1\n");
        assertDataError(() -> read(noItem), noItem, 1, "header must name a user column and an item column");
        Path twice = write(dir, "b/log.csv", "user,item,user_id\nu,i,v\n");
        assertDataError(() -> read(twice), twice, 1, "names the user column twice");
    }

    @Test
    void errorsOnAFirstLineAfterBlankLinesNameItsRealLineNumber() {
        Path twice = write(dir, "log.csv", "\n\nuser,item,user_id\nu,i,v\n");
        assertDataError(() -> read(twice), twice, 3, "names the user column twice");
        Path wide = write(dir, "b/log.csv", "\n \nu,i,5,100\n");
        assertDataError(() -> read(wide), wide, 3, "found 4 fields without a header");
    }

    @Test
    void wrongFieldCountNamesTheLine() {
        Path file = write(dir, "log.csv", "user,item\nu,a\n\nu,b,c\n");
        assertDataError(() -> read(file), file, 4, "expected 2 fields, found 3");
        Path positional = write(dir, "b/log.csv", "u,a,1\nu,b\n");
        assertDataError(() -> read(positional), positional, 2, "expected 3 fields, found 2");
    }

    @Test
    void badTimestamps() {
        Path file = write(dir, "log.csv", "user,item,timestamp\nu,a,1\nu,b,yesterday\n");
        assertDataError(() -> read(file), file, 3, "timestamp 'yesterday' is neither an integer nor an ISO-8601");
        Path empty = write(dir, "b/log.csv", "u,a,1\nu,b,\n");
        assertDataError(() -> read(empty), empty, 2, "timestamp ''");
        Path month = write(dir, "c/log.csv", "u,a,2024-13-01\n");
        assertDataError(() -> read(month), month, 1, "timestamp '2024-13-01'");
        Path huge = write(dir, "d/log.csv", "u,a,99999999999999999999\n");
        assertDataError(() -> read(huge), huge, 1, "timestamp '99999999999999999999' is not an integer");
    }

    @Test
    void quotingErrors() {
        Path open = write(dir, "log.csv", "u,a\nu,\"b\n");
        assertDataError(() -> read(open), open, 2, "unterminated quoted field 2");
        Path after = write(dir, "b/log.csv", "u,a\n\"u\"x,b\n");
        assertDataError(() -> read(after), after, 2, "unexpected character after a closing quote in field 1");
    }

    @Test
    void emptyIdsAndRatings() {
        Path user = write(dir, "log.csv", "u,a\n ,b\n");
        assertDataError(() -> read(user), user, 2, "user id is empty");
        Path item = write(dir, "b/log.csv", "user,item\nu,\"\"\n");
        assertDataError(() -> read(item), item, 2, "item id is empty");
        Path rating = write(dir, "c/log.csv", "user,item,rating\nu,a,good\n");
        assertDataError(() -> read(rating), rating, 2, "rating 'good' is not a number");
    }

    @Test
    void emptyFileAndHeaderOnly() {
        Path empty = write(dir, "log.csv", "");
        assertDataError(() -> read(empty), empty, 0, "file is empty");
        Path blank = write(dir, "b/log.csv.gz", "\n  \n");
        assertDataError(() -> read(blank), blank, 0, "file is empty");
        Path header = write(dir, "c/log.csv", "user,item\n");
        assertDataError(() -> read(header), header, 0, "no interactions");
    }

    @Test
    void utf8ByteOrderMarkBeforeTheHeaderIsIgnored() throws Exception {
        Path file = write(dir, "log.csv", "\uFEFFuser,item\nu,a\n");
        Interactions x = read(file).train();
        assertThat(x.users().externalIds()).containsExactly("u");
        assertThat(x.items().externalIds()).containsExactly("a");
    }

    @Test
    void unicodeIdsSurvive() throws Exception {
        Path file = write(dir, "log.csv", "user,item\nJosé,Café ☕\n");
        Interactions x = read(file).train();
        assertThat(items(x, "José")).containsExactly("Café ☕");
    }
}
