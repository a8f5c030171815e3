package org.convncf.trainer.cli;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code --out} directory of a command, made before any training so a bad path costs nothing, and
 * removed again on close if the command made it and then wrote nothing into it (it failed first).
 */
final class OutputDirectory implements AutoCloseable {

    private final Path created;

    private OutputDirectory(Path created) {
        this.created = created;
    }

    /** Creates {@code dir} (and its parents) unless it is null; a file in the way is bad input. */
    static OutputDirectory prepare(Path dir) throws IOException {
        if (dir == null) {
            return new OutputDirectory(null);
        }
        boolean existed = Files.isDirectory(dir);
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException("--out " + dir + " is not a directory (" + e.getFile() + " is a file)");
        } catch (FileSystemException e) { // e.g. a file where a parent directory should be
            throw new IOException("cannot create the --out directory " + dir + ": " + e.getFile()
                    + (e.getReason() == null ? "" : ": " + e.getReason()), e);
        }
        return new OutputDirectory(existed ? null : dir);
    }

    /** Deletes the directory if this command created it and it is still empty; never fails the command. */
    @Override
    public void close() {
        if (created == null) {
            return;
        }
        try {
            Files.deleteIfExists(created);
        } catch (DirectoryNotEmptyException e) {
            // the command wrote its outputs: keep them
        } catch (IOException e) {
            // an empty directory left behind is harmless
        }
    }
}
