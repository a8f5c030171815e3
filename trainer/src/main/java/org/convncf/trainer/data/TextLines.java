package org.convncf.trainer.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

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
    private final BufferedReader reader;
    private long lineNumber;

    private TextLines(Path file, BufferedReader reader) {
        this.file = file;
        this.reader = reader;
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
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new TextLines(file, new BufferedReader(new InputStreamReader(in, decoder), 1 << 16));
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

    /** The next line without its terminator, or null at the end of the file. */
    String next() throws IOException {
        try {
            String line = reader.readLine();
            if (line != null) {
                lineNumber++;
            }
            return line;
        } catch (CharacterCodingException e) {
            throw new DataFileException(file, lineNumber + 1, "not valid UTF-8 text");
        } catch (java.io.EOFException e) {
            throw new DataFileException(file, lineNumber + 1, "file is truncated (" + e.getMessage() + ")");
        }
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
        reader.close();
    }
}
