package org.convncf.trainer.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a text file line by line, transparently gunzipping {@code *.gz}, decoding strict UTF-8 and
 * counting lines so that every problem can be reported as {@code file:line: problem}.
 */
final class TextLines implements AutoCloseable {

    /** Receives one line; throws {@link DataFileException} (via {@link TextLines#error}) on bad input. */
    @FunctionalInterface
    interface LineHandler {
        void accept(String line, long lineNumber) throws IOException;
    }

    private final Path file;
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean skipLf; // the previous line ended with '\r': a following '\n' belongs to it
    private byte[] lineBytes = new byte[256];
    private long lineNumber;

    private TextLines(Path file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    static TextLines open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such data file");
        }
        InputStream in = Files.newInputStream(file);
        try {
            if (file.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
        } catch (IOException e) {
            in.close();
            throw new DataFileException(file, 0, "not a valid gzip file (" + e.getMessage() + ")");
        }
        return new TextLines(file, in);
    }

    /** Calls {@code handler} for every line, with 1-based line numbers. */
    static void forEach(Path file, LineHandler handler) throws IOException {
        try (TextLines lines = open(file)) {
            String line;
            while ((line = lines.next()) != null) {
                handler.accept(line, lines.lineNumber);
            }
        }
    }

    /**
     * The next line without its terminator ({@code \n}, {@code \r\n} or {@code \r}), or null at the end
     * of the file. Lines are split as bytes and decoded one at a time, so that an encoding error is
     * reported on the line that holds it. A UTF-8 byte order mark before the first line is dropped.
     */
    String next() throws IOException {
        int len = 0;
        boolean started = false;
        while (true) {
            if (pos >= limit && !fill()) {
                if (!started) {
                    return null;
                }
                break;
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            started = true;
            int i = pos;
            while (i < limit && buf[i] != '\n' && buf[i] != '\r') {
                i++;
            }
            int n = i - pos;
            if (len + n > lineBytes.length) {
                lineBytes = Arrays.copyOf(lineBytes, Math.max(len + n, lineBytes.length * 2));
            }
            System.arraycopy(buf, pos, lineBytes, len, n);
            len += n;
            if (i < limit) {
                skipLf = buf[i] == '\r';
                pos = i + 1;
                break;
            }
            pos = limit;
        }
        lineNumber++;
        String line = decode(len);
        if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
            line = line.substring(1);
        }
        return line;
    }

    private String decode(int len) throws DataFileException {
        boolean ascii = true;
        for (int k = 0; k < len && ascii; k++) {
            ascii = lineBytes[k] >= 0;
        }
        if (ascii) {
            return new String(lineBytes, 0, len, StandardCharsets.ISO_8859_1);
        }
        try {
            return decoder.decode(ByteBuffer.wrap(lineBytes, 0, len)).toString();
        } catch (CharacterCodingException e) {
            throw new DataFileException(file, lineNumber, "not valid UTF-8 text");
        }
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        try {
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
        } catch (EOFException e) {
            throw new DataFileException(file, lineNumber + 1, "file is truncated (" + e.getMessage() + ")");
        } catch (ZipException e) {
            throw new DataFileException(file, lineNumber + 1, "corrupt gzip data (" + e.getMessage() + ")");
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    long lineNumber() {
        return lineNumber;
    }

    static DataFileException error(Path file, long line, String problem) {
        return new DataFileException(file, line, problem);
    }

    /** Parses a non-negative decimal long, or throws an error naming the field. */
    static long parseLong(Path file, long line, String field, String what) throws DataFileException {
        try {
            return Long.parseLong(field.trim());
        } catch (NumberFormatException e) {
            throw new DataFileException(file, line, what + " '" + abbreviate(field) + "' is not an integer");
        }
    }

    /** Parses a finite decimal number, or throws an error naming the field. */
    static double parseDouble(Path file, long line, String field, String what) throws DataFileException {
        try {
            double v = Double.parseDouble(field.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataFileException(file, line, what + " '" + abbreviate(field) + "' is not a number");
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
