package org.convncf.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.convncf.trainer.data.DataFiles.assertDataError;
import static org.convncf.trainer.data.DataFiles.concat;
import static org.convncf.trainer.data.DataFiles.gzip;
import static org.convncf.trainer.data.DataFiles.write;
import static org.convncf.trainer.data.DataFiles.writeBytes;

import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** File-level problems, shared by every reader: encoding, compression, line numbering. */
class TextLinesTest {

    @TempDir
    Path dir;

    private static List<String> lines(Path file) throws Exception {
        List<String> out = new ArrayList<>();
        TextLines.forEach(file, (line, n) -> {
            assertThat(n).isEqualTo(out.size() + 1);
            out.add(line);
        });
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.txt", "a.txt.gz"})
    void splitsOnLfCrLfAndCrAndNumbersLines(String name) throws Exception {
        Path file = write(dir, name, "one\r\ntwo\n\nfour\rfive\r\nsix");
        assertThat(lines(file)).containsExactly("one", "two", "", "four", "five", "six");
        assertThat(lines(write(dir, "b.txt", ""))).isEmpty();
        assertThat(lines(write(dir, "c.txt", "x\n"))).containsExactly("x");
    }

    @Test
    void longLinesAcrossBufferBoundaries() throws Exception {
        String longLine = "7".repeat(200_000);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            sb.append(i).append(i % 2 == 0 ? "\r\n" : "\n");
        }
        sb.append(longLine).append("\r\nä€😀\n");
        List<String> got = lines(write(dir, "big.txt.gz", sb.toString()));
        assertThat(got).hasSize(5002);
        assertThat(got.get(4999)).isEqualTo("4999");
        assertThat(got.get(5000)).isEqualTo(longLine);
        assertThat(got.get(5001)).isEqualTo("ä€😀");
    }

    @Test
    void crLfAndMultiByteCharactersSplitAcrossTheReadBuffer() throws Exception {
        String a = "a".repeat((1 << 16) - 1);
        assertThat(lines(write(dir, "cr.txt", a + "\r\nb\n"))).containsExactly(a, "b");
        assertThat(lines(write(dir, "utf.txt", a + "é€\nc"))).containsExactly(a + "é€", "c");
        assertThat(lines(write(dir, "lone.txt", a + "\rd"))).containsExactly(a, "d");
    }

    @Test
    void byteOrderMarkIsDroppedFromTheFirstLineOnly() throws Exception {
        Path file = write(dir, "bom.txt", "\uFEFFa\n\uFEFFb\n");
        assertThat(lines(file)).containsExactly("a", "\uFEFFb");
    }

    @ParameterizedTest
    @ValueSource(strings = {"u.data", "u.data.gz"})
    void invalidUtf8NamesTheLineItIsOn(String name) {
        StringBuilder good = new StringBuilder();
        for (int i = 1; i <= 300; i++) {
            good.append(i).append("\t10\t5\t").append(1000 + i).append('\n');
        }
        byte[] bytes = concat(good + "301\t1", new byte[] {(byte) 0xC3, (byte) 0x28}, "\t5\t1\n302\t1\t5\t1\n");
        Path file = writeBytes(dir, name, bytes);
        assertDataError(() -> MovieLensReader.read("ml", file, 0), file, 301, "not valid UTF-8");
    }

    @Test
    void invalidUtf8OnTheFirstLine() {
        Path file = writeBytes(dir, "log.csv", concat("u,", new byte[] {(byte) 0xFF}, "\nu,b\n"));
        assertDataError(() -> CsvReader.read("c", file, CsvReader.Options.DEFAULT), file, 1, "not valid UTF-8");
    }

    @Test
    void notGzipAtAll() throws Exception {
        Path file = writeBytes(dir, "plain.bin", "0 1 2\n".getBytes(StandardCharsets.UTF_8)).resolveSibling("train.txt.gz");
        writeRaw(file, "0 1 2\n".getBytes(StandardCharsets.UTF_8));
        assertDataError(() -> AdjacencyListReader.read("g", file, null, null), file, 0, "not a valid gzip file");
    }

    private static void writeRaw(Path file, byte[] bytes) throws java.io.IOException {
        java.nio.file.Files.write(file, bytes);
    }

    @Test
    void zeroByteGzipFile() throws Exception {
        Path file = dir.resolve("u.data.gz");
        java.nio.file.Files.write(file, new byte[0]);
        assertDataError(() -> MovieLensReader.read("ml", file, 0), file, 0, "not a valid gzip file");
    }

    private static byte[] manyLines(int n) {
        StringBuilder sb = new StringBuilder();
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < n; i++) {
            sb.append(rnd.nextInt(1000)).append('\t').append(rnd.nextInt(100000)).append("\t1\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void truncatedGzipIsReportedAsTruncated() throws Exception {
        byte[] gz = gzip(manyLines(20_000));
        Path file = dir.resolve("p.train.rating.gz");
        java.nio.file.Files.write(file, Arrays.copyOf(gz, gz.length / 2));
        DataFileException e = org.assertj.core.api.Assertions.catchThrowableOfType(DataFileException.class,
                () -> NcfReader.read("p", file, null, null));
        assertThat(e).isNotNull();
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.line()).isPositive();
        assertThat(e.getMessage()).contains("p.train.rating.gz:" + e.line() + ": ", "truncated");
    }

    @Test
    void corruptGzipDataIsADataFileError() throws Exception {
        byte[] gz = gzip(manyLines(20_000));
        for (int k = gz.length / 3; k < gz.length / 3 + 64; k++) {
            gz[k] = (byte) ~gz[k];
        }
        Path file = dir.resolve("p.train.rating.gz");
        java.nio.file.Files.write(file, gz);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> NcfReader.read("p", file, null, null));
        assertThat(t).isInstanceOf(DataFileException.class);
        assertThat(t.getMessage()).contains("p.train.rating.gz:");
    }

    @Test
    void corruptGzipTrailerIsADataFileError() throws Exception {
        byte[] gz = gzip("0\t1\t1\n".getBytes(StandardCharsets.UTF_8));
        gz[gz.length - 8] ^= 1; // CRC32
        Path file = dir.resolve("p.train.rating.gz");
        java.nio.file.Files.write(file, gz);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> NcfReader.read("p", file, null, null));
        assertThat(t).isInstanceOf(DataFileException.class);
        assertThat(t.getMessage()).contains("p.train.rating.gz", "gzip");
    }

    @Test
    void missingFileOrDirectoryInsteadOfFile() {
        assertThatThrownBy(() -> TextLines.forEach(dir.resolve("nope.txt"), (l, n) -> { }))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("nope.txt");
        assertThatThrownBy(() -> TextLines.forEach(dir, (l, n) -> { }))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void longFieldsAreAbbreviatedInMessages() {
        Path file = write(dir, "u.data", "1\t2\t" + "x".repeat(500) + "\t4\n");
        DataFileException e = assertDataError(() -> MovieLensReader.read("ml", file, 0), file, 1, "rating 'xxx");
        assertThat(e.getMessage()).hasSizeLessThan(file.toString().length() + 100);
    }
}
