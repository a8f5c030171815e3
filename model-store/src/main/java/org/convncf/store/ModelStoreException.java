package org.convncf.store;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A model artifact is missing, invalid or corrupt, or a store operation failed. The message names the
 * offending file and the problem, e.g. {@code .../tensors.safetensors: SHA-256 mismatch (expected ...,
 * found ...)}.
 */
public class ModelStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public ModelStoreException(String message) {
        this(message, (Throwable) null);
    }

    public ModelStoreException(String message, Throwable cause) {
        super(message, cause);
        this.file = null;
    }

    /** A problem with {@code file}; the message is {@code "<file>: <problem>"}. */
    public ModelStoreException(Path file, String problem) {
        this(file, problem, null);
    }

    /** A problem with {@code file}, caused by {@code cause}; the message is {@code "<file>: <problem>"}. */
    public ModelStoreException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file the problem is about, when there is a single one. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }
}
