package org.convncf.trainer.data;

import java.io.IOException;
import java.nio.file.Path;

/** A data file that cannot be read as its format says; the message names the file, line and problem. */
public final class DataFileException extends IOException {

    private final transient Path file;
    private final long line;

    public DataFileException(Path file, long line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number, or 0 when the problem concerns the whole file. */
    public long line() {
        return line;
    }
}
