package org.convncf.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a model version consists of, filled by the trainer and handed to
 * {@link ModelStore#publish(String, ArtifactBuilder, Gate)}: the manifest's descriptive sections,
 * the tensors, the user and item id maps, and any extra files. The store adds the model and version
 * names, the creation time and the file checksums.
 *
 * <p>Values are validated as they are added, so mistakes surface at the call that made them. Not
 * thread-safe; a builder can be published more than once (each publish makes a new version).
 *
 * <pre>{@code
 * ArtifactBuilder artifact = new ArtifactBuilder("convncf", "svdpp")
 *         .hyperParameters(Map.of("learningRate", 0.01, "epochs", 20))
 *         .metric("validation", "HR@10", 0.61)
 *         .tensor("user_embedding", new long[] {users.size(), 64}, userEmbedding)
 *         .users(users)
 *         .items(items)
 *         .file("learning-curve.png", png);
 * PublishResult result = store.publish("convncf-svdpp", artifact, Gate.notWorse("validation", "HR@10"));
 * }</pre>
 */
public final class ArtifactBuilder {

    private final String type;
    private final String variant;
    private final Map<String, Object> hyperParameters = new LinkedHashMap<>();
    private final Map<String, Object> architecture = new LinkedHashMap<>();
    private final Map<String, Object> split = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
    private final Map<String, Object> training = new LinkedHashMap<>();
    private final Map<String, Object> engine = new LinkedHashMap<>();
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private final Map<String, FileOps.Content> extraFiles = new LinkedHashMap<>();
    private IdMap users;
    private IdMap items;

    /**
     * @param type the model family, e.g. {@code "convncf"}
     * @param variant the variant within the family, e.g. {@code "svdpp"}
     */
    public ArtifactBuilder(String type, String variant) {
        if (type == null || type.isBlank() || variant == null || variant.isBlank()) {
            throw new IllegalArgumentException("type and variant are required");
        }
        this.type = type;
        this.variant = variant;
    }

    /** Adds entries to the free-form {@code hyperParameters} section (JSON-compatible values). */
    public ArtifactBuilder hyperParameters(Map<String, ?> values) {
        hyperParameters.putAll(JsonValues.freezeObject(values, "hyperParameters"));
        return this;
    }

    /** Adds entries to the free-form {@code architecture} section (JSON-compatible values). */
    public ArtifactBuilder architecture(Map<String, ?> values) {
        architecture.putAll(JsonValues.freezeObject(values, "architecture"));
        return this;
    }

    /** Adds entries to the free-form {@code split} section (JSON-compatible values). */
    public ArtifactBuilder split(Map<String, ?> values) {
        split.putAll(JsonValues.freezeObject(values, "split"));
        return this;
    }

    /** Adds entries to the free-form {@code training} section (JSON-compatible values). */
    public ArtifactBuilder training(Map<String, ?> values) {
        training.putAll(JsonValues.freezeObject(values, "training"));
        return this;
    }

    /** Adds entries to the free-form {@code engine} section (JSON-compatible values). */
    public ArtifactBuilder engine(Map<String, ?> values) {
        engine.putAll(JsonValues.freezeObject(values, "engine"));
        return this;
    }

    /** Sets metric {@code name} of {@code section}, e.g. {@code metric("test", "NDCG@10", 0.37)}. */
    public ArtifactBuilder metric(String section, String name, double value) {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(name, "name");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric " + section + "/" + name + " = " + value + " is not finite");
        }
        metrics.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(name, value);
        return this;
    }

    /** Sets every metric of {@code values} in {@code section}. */
    public ArtifactBuilder metrics(String section, Map<String, Double> values) {
        values.forEach((name, value) -> metric(section, name, value));
        return this;
    }

    /**
     * Adds a tensor.
     *
     * @throws IllegalArgumentException if a tensor of the same name was added before
     */
    public ArtifactBuilder tensor(Tensor tensor) {
        if (tensors.putIfAbsent(tensor.name(), tensor) != null) {
            throw new IllegalArgumentException("duplicate tensor name '" + tensor.name() + "'");
        }
        return this;
    }

    /** Adds an F32 tensor holding a copy of {@code data}. */
    public ArtifactBuilder tensor(String name, long[] shape, float[] data) {
        return tensor(Tensor.of(name, shape, data));
    }

    /** Adds an I32 tensor holding a copy of {@code data}. */
    public ArtifactBuilder tensor(String name, long[] shape, int[] data) {
        return tensor(Tensor.of(name, shape, data));
    }

    /** Adds an I64 tensor holding a copy of {@code data}. */
    public ArtifactBuilder tensor(String name, long[] shape, long[] data) {
        return tensor(Tensor.of(name, shape, data));
    }

    /** The user ids; internal id {@code u} is row {@code u} of the user tensors. Required. */
    public ArtifactBuilder users(IdMap users) {
        this.users = Objects.requireNonNull(users, "users");
        return this;
    }

    /** The item ids; internal id {@code i} is row {@code i} of the item tensors. Required. */
    public ArtifactBuilder items(IdMap items) {
        this.items = Objects.requireNonNull(items, "items");
        return this;
    }

    /**
     * Ships an extra file with the version.
     *
     * @param name a simple name ({@code [A-Za-z0-9._-]+}) that is not a standard file's
     * @throws IllegalArgumentException on an invalid or duplicate name
     */
    public ArtifactBuilder file(String name, byte[] content) {
        byte[] copy = content.clone();
        return addFile(name, out -> out.write(copy));
    }

    /**
     * Ships a copy of {@code source} as an extra file; it is read when the version is published.
     *
     * @param name a simple name ({@code [A-Za-z0-9._-]+}) that is not a standard file's
     * @throws IllegalArgumentException on an invalid or duplicate name, or if {@code source} is not a
     *     regular file
     */
    public ArtifactBuilder file(String name, Path source) {
        if (!Files.isRegularFile(source)) {
            throw new IllegalArgumentException(source + " is not a regular file");
        }
        return addFile(name, out -> Files.copy(source, out));
    }

    private ArtifactBuilder addFile(String name, FileOps.Content content) {
        Names.requireExtraFileName(name);
        if (extraFiles.putIfAbsent(name, content) != null) {
            throw new IllegalArgumentException("duplicate file name '" + name + "'");
        }
        return this;
    }

    /** Fails fast, before anything is written, when a required part is missing. */
    void checkComplete() {
        if (users == null || items == null) {
            throw new IllegalStateException("an artifact needs both users(...) and items(...)");
        }
    }

    /**
     * Writes every file into the empty directory {@code dir}, each fsynced, then {@code manifest.json}
     * last, then syncs the directory.
     *
     * @return the manifest that was written
     */
    Manifest writeTo(Path dir, String model, String version, Instant createdAt) throws IOException {
        checkComplete();
        Map<String, Manifest.FileEntry> files = new LinkedHashMap<>();
        files.put(Names.TENSORS, FileOps.writeDurably(dir.resolve(Names.TENSORS),
                out -> SafeTensors.write(out, tensors.values(), Map.of())));
        files.put(Names.USERS, FileOps.writeDurably(dir.resolve(Names.USERS), out -> IdMapFiles.write(users, out)));
        files.put(Names.ITEMS, FileOps.writeDurably(dir.resolve(Names.ITEMS), out -> IdMapFiles.write(items, out)));
        for (Map.Entry<String, FileOps.Content> extra : extraFiles.entrySet()) {
            files.put(extra.getKey(), FileOps.writeDurably(dir.resolve(extra.getKey()), extra.getValue()));
        }
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, model, version, createdAt, type, variant,
                hyperParameters, architecture, split, Collections.unmodifiableMap(metrics), training, engine, files);
        byte[] json = ManifestJson.toBytes(manifest);
        FileOps.writeDurably(dir.resolve(Names.MANIFEST), out -> out.write(json));
        FileOps.fsyncDirectory(dir);
        return manifest;
    }
}
