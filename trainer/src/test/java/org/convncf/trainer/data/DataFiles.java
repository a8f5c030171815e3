package org.convncf.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Small helpers for writing test data files (gzipped when the name ends in .gz) and checking errors. */
final class DataFiles {

    private DataFiles() {
    }

    static Path write(Path dir, String name, String content) {
        return writeBytes(dir, name, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path writeBytes(Path dir, String name, byte[] content) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            if (name.endsWith(".gz")) {
                Files.write(file, gzip(content));
            } else {
                Files.write(file, content);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    /** Bytes of {@code a}, then {@code bad}, then {@code b}. */
    static byte[] concat(String a, byte[] bad, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[x.length + bad.length + y.length];
        System.arraycopy(x, 0, out, 0, x.length);
        System.arraycopy(bad, 0, out, x.length, bad.length);
        System.arraycopy(y, 0, out, x.length + bad.length, y.length);
        return out;
    }

    /**
     * Runs {@code call}, expects a {@link DataFileException} for {@code file} at {@code line} (0 = whole
     * file) whose message names the file, the line and contains every fragment.
     */
    static DataFileException assertDataError(ThrowingCallable call, Path file, long line, String... fragments) {
        DataFileException e = catchThrowableOfType(DataFileException.class, call);
        assertThat(e).as("expected a DataFileException for %s:%d", file.getFileName(), line).isNotNull();
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.line()).as("line of: %s", e.getMessage()).isEqualTo(line);
        assertThat(e.getMessage()).contains(file.getFileName().toString());
        if (line > 0) {
            assertThat(e.getMessage()).contains(file.getFileName() + ":" + line + ": ");
        } else {
            assertThat(e.getMessage()).doesNotContainPattern(":\\d+: ");
        }
        for (String f : fragments) {
            assertThat(e.getMessage()).contains(f);
        }
        return e;
    }
}
