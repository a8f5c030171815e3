package org.convncf.store;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One fully verified and loaded model version: its manifest, tensors and id maps. Instances come only
 * from {@link ModelStore#open(String, String)} and {@link ModelStore#openCurrent(String)}, which check
 * every file before returning, so holding one means the whole version is intact.
 */
public final class ModelArtifact {

    private final Path directory;
    private final Manifest manifest;
    private final Map<String, Tensor> tensors;
    private final IdMap users;
    private final IdMap items;

    ModelArtifact(Path directory, Manifest manifest, Map<String, Tensor> tensors, IdMap users, IdMap items) {
        this.directory = Objects.requireNonNull(directory);
        this.manifest = Objects.requireNonNull(manifest);
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.users = Objects.requireNonNull(users);
        this.items = Objects.requireNonNull(items);
    }

    /** The version directory, {@code <root>/<model>/versions/<version>}. */
    public Path directory() {
        return directory;
    }

    public Manifest manifest() {
        return manifest;
    }

    public String model() {
        return manifest.model();
    }

    public String version() {
        return manifest.version();
    }

    /** Every tensor by name, in file order. */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /**
     * The tensor called {@code name}.
     *
     * @throws IllegalArgumentException if the version has no such tensor
     */
    public Tensor tensor(String name) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("version " + version() + " of model " + model()
                    + " has no tensor '" + name + "' (it has " + tensors.keySet() + ")");
        }
        return tensor;
    }

    /** The user ids; internal id {@code u} is row {@code u} of the user tensors. */
    public IdMap users() {
        return users;
    }

    /** The item ids; internal id {@code i} is row {@code i} of the item tensors. */
    public IdMap items() {
        return items;
    }

    /**
     * The path of file {@code name} of this version, e.g. an extra file such as
     * {@code learning-curve.png}. The file was verified when the version was opened.
     *
     * @throws IllegalArgumentException if the manifest does not list {@code name}
     */
    public Path file(String name) {
        if (!manifest.files().containsKey(name)) {
            throw new IllegalArgumentException("version " + version() + " of model " + model()
                    + " has no file '" + name + "' (it has " + manifest.files().keySet() + ")");
        }
        return directory.resolve(name);
    }

    @Override
    public String toString() {
        return "ModelArtifact[" + model() + "/" + version() + ", tensors=" + tensors.keySet()
                + ", users=" + users.size() + ", items=" + items.size() + "]";
    }
}
