package org.convncf.trainer.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code --out} directory of a command, made before any training so a bad path costs nothing. */
final class OutputDirectory {

    private OutputDirectory() {
    }

    /** Creates {@code dir} (and its parents) unless it is null; a file in the way is bad input. */
    static void prepare(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException("--out " + dir + " is not a directory (" + e.getFile() + " is a file)");
        } catch (FileSystemException e) { // e.g. a file where a parent directory should be
            throw new IOException("cannot create the --out directory " + dir + ": " + e.getFile()
                    + (e.getReason() == null ? "" : ": " + e.getReason()), e);
        }
    }
}
