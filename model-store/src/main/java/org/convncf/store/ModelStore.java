package org.convncf.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of models, each with immutable versions and a {@code current} pointer; see the
 * {@linkplain org.convncf.store package documentation} for the layout.
 *
 * <p>Publishing writes a version into {@code .staging/}, verifies it with the same reader everyone
 * uses, and makes it visible with one atomic rename; switching {@code current} is another atomic
 * rename, under a file lock so publishers in several JVMs serialize. Readers therefore never see a
 * partial version or a partial {@code current}, and {@link #open} verifies every byte before
 * returning. Instances are thread-safe and hold no open files.
 */
public final class ModelStore {

    private static final Logger log = LoggerFactory.getLogger(ModelStore.class);

    static final String VERSIONS = "versions";
    static final String CURRENT = "current";
    static final String STAGING = ".staging";
    static final String LOCK = ".lock";
    static final String CURRENT_TMP_PREFIX = "current.tmp-";

    /** Staging directories untouched for this long belong to a publish that died; prune deletes them. */
    static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private static final int MAX_CURRENT_BYTES = 128;

    private final Path root;
    private final Clock clock;
    private final RandomGenerator random = new SecureRandom();

    /** A store rooted at {@code root}, which is created on the first publish. */
    public ModelStore(Path root) {
        this(root, Clock.systemUTC());
    }

    ModelStore(Path root, Clock clock) {
        this.root = Objects.requireNonNull(root, "root");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The directory holding one subdirectory per model. */
    public Path root() {
        return root;
    }

    /** The models in the store, by name. */
    public List<String> models() {
        return listNames(root, Names::isModel);
    }

    /** The published versions of {@code model}, oldest first; empty for an unknown model. */
    public List<String> versions(String model) {
        return listNames(modelDir(model).resolve(VERSIONS), Names::isVersion);
    }

    /**
     * The current version of {@code model}, read from its {@code current} file only (cheap enough to
     * poll); empty if the model is unknown or has no current version.
     *
     * @throws ModelStoreException if {@code current} exists but does not hold a valid version name
     */
    public Optional<String> currentVersion(String model) {
        Path file = modelDir(model).resolve(CURRENT);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_CURRENT_BYTES);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ModelStoreException(file, "cannot read: " + e.getMessage(), e);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String name = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (!Names.isVersion(name)) {
            throw new ModelStoreException(file, "does not hold a version name: '" + text.strip() + "'");
        }
        return Optional.of(name);
    }

    /**
     * The manifest of a version, checked for format and names but without verifying the data files;
     * for listings and comparisons. Use {@link #open} to load a version.
     */
    public Manifest manifest(String model, String version) {
        return VersionReader.readManifest(existingVersionDir(model, version), model, version);
    }

    /**
     * Verifies and loads a version: the manifest, the size and SHA-256 of every listed file, the
     * absence of unlisted files, the tensors and the id maps. Nothing is returned unless all are valid.
     *
     * @throws IllegalArgumentException if a name is invalid
     * @throws ModelStoreException naming the offending file if the version is missing or invalid
     */
    public ModelArtifact open(String model, String version) {
        return VersionReader.open(existingVersionDir(model, version), model, version);
    }

    /**
     * Verifies and loads the current version of {@code model}.
     *
     * @throws ModelStoreException if the model has no current version, or as for {@link #open}
     */
    public ModelArtifact openCurrent(String model) {
        String version = currentVersion(model).orElseThrow(() -> new ModelStoreException(
                modelDir(model).resolve(CURRENT), "missing; model '" + model + "' has no current version"));
        return open(model, version);
    }

    /**
     * Publishes {@code artifact} as a new version of {@code model} and makes it current if
     * {@code gate} accepts it (or if the model has no readable current version).
     *
     * <ol>
     *   <li>writes every file into {@code <model>/.staging/<version>}, fsynced, manifest last;
     *   <li>verifies the staging directory as {@link #open} would;
     *   <li>renames it to {@code versions/<version>} atomically;
     *   <li>under the model's lock, consults the gate and atomically replaces {@code current}.
     * </ol>
     *
     * On failure the staging directory is deleted; a version is visible complete or not at all.
     *
     * @throws IllegalStateException if the artifact lacks users or items
     * @throws ModelStoreException if writing, verifying or switching fails
     */
    public PublishResult publish(String model, ArtifactBuilder artifact, Gate gate) {
        Names.requireModel(model);
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(gate, "gate");
        artifact.checkComplete();
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String version = Names.newVersion(createdAt, random);
        Path modelDir = modelDir(model);
        Path staging = null;
        Manifest manifest;
        try {
            Path versions = Files.createDirectories(modelDir.resolve(VERSIONS));
            staging = Files.createDirectory(Files.createDirectories(modelDir.resolve(STAGING)).resolve(version));
            manifest = artifact.writeTo(staging, model, version, createdAt);
            VersionReader.open(staging, model, version);
            Files.move(staging, versions.resolve(version), StandardCopyOption.ATOMIC_MOVE);
            staging = null;
            FileOps.fsyncDirectory(versions);
        } catch (IOException e) {
            throw new ModelStoreException("cannot publish version " + version + " of model " + model + ": " + e, e);
        } finally {
            if (staging != null) {
                deleteQuietly(staging);
            }
        }
        return switchIfAccepted(model, manifest, gate);
    }

    /**
     * Makes {@code version} current, e.g. to roll back, after verifying it as {@link #open} does.
     *
     * @throws ModelStoreException if the version is missing or invalid
     */
    public void setCurrent(String model, String version) {
        open(model, version);
        try (ModelLock lock = lock(model)) {
            Path dir = versionDir(model, version);
            if (!Files.isDirectory(dir)) {
                throw new ModelStoreException(dir, "was deleted while it was being verified");
            }
            writeCurrent(model, version);
        } catch (IOException e) {
            throw new ModelStoreException("cannot make version " + version + " of model " + model
                    + " current: " + e, e);
        }
    }

    /**
     * Deletes all but the newest {@code keep} versions of {@code model}, never the current one, and
     * the leftovers of publishes that died more than an hour ago. A version disappears from
     * {@code versions/} by one rename before its files are deleted.
     *
     * @throws IllegalArgumentException if {@code keep < 1}
     */
    public PruneResult prune(String model, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, was " + keep);
        }
        Path modelDir = modelDir(model);
        if (!Files.isDirectory(modelDir)) {
            return new PruneResult(List.of(), List.of());
        }
        try (ModelLock lock = lock(model)) {
            String current = currentVersion(model).orElse(null);
            List<String> versions = versions(model);
            List<String> deleted = new ArrayList<>();
            for (String version : versions.subList(0, Math.max(0, versions.size() - keep))) {
                if (!version.equals(current)) {
                    retire(model, version);
                    deleted.add(version);
                }
            }
            return new PruneResult(deleted, deleteLeftovers(modelDir));
        } catch (IOException e) {
            throw new ModelStoreException("cannot prune model " + model + ": " + e, e);
        }
    }

    private PublishResult switchIfAccepted(String model, Manifest candidate, Gate gate) {
        String version = candidate.version();
        try (ModelLock lock = lock(model)) {
            Gate.Verdict verdict = judge(model, candidate, gate);
            if (!verdict.accepted()) {
                return new PublishResult(version, false, verdict.reason());
            }
            if (!Files.isDirectory(versionDir(model, version))) {
                return new PublishResult(version, false, "pruned before it could become current");
            }
            writeCurrent(model, version);
            return new PublishResult(version, true, verdict.reason());
        } catch (IOException e) {
            throw new ModelStoreException("version " + version + " of model " + model
                    + " was published but could not be made current: " + e, e);
        }
    }

    /** Consults the gate if there is a readable current version; called under the model's lock. */
    private Gate.Verdict judge(String model, Manifest candidate, Gate gate) {
        Manifest current;
        try {
            Optional<String> name = currentVersion(model);
            if (name.isEmpty()) {
                return Gate.Verdict.accept("model " + model + " had no current version");
            }
            current = manifest(model, name.get());
        } catch (ModelStoreException e) {
            log.warn("Replacing the unreadable current version of model {}: {}", model, e.getMessage());
            return Gate.Verdict.accept("the current version is unreadable: " + e.getMessage());
        }
        return gate.judge(candidate, current);
    }

    /** Replaces {@code current} atomically; called under the model's lock. */
    private void writeCurrent(String model, String version) throws IOException {
        Path modelDir = modelDir(model);
        Path tmp = modelDir.resolve(CURRENT_TMP_PREFIX + HexFormat.of().toHexDigits(random.nextLong()));
        try {
            byte[] content = (version + "\n").getBytes(StandardCharsets.US_ASCII);
            FileOps.writeDurably(tmp, out -> out.write(content));
            Files.move(tmp, modelDir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            FileOps.fsyncDirectory(modelDir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Removes a version from {@code versions/} in one rename, then deletes its files. */
    private void retire(String model, String version) throws IOException {
        Path graveyard = Files.createDirectories(modelDir(model).resolve(STAGING))
                .resolve(version + ".deleted-" + HexFormat.of().toHexDigits(random.nextInt()));
        Files.move(versionDir(model, version), graveyard, StandardCopyOption.ATOMIC_MOVE);
        deleteQuietly(graveyard);
    }

    /**
     * Deletes staging entries older than {@link #ABANDONED_AFTER} and every {@code current.tmp-*}
     * (only a crashed switch leaves one, since switches hold the lock we hold).
     */
    private List<String> deleteLeftovers(Path modelDir) throws IOException {
        List<String> deleted = new ArrayList<>();
        Path staging = modelDir.resolve(STAGING);
        Instant cutoff = clock.instant().minus(ABANDONED_AFTER);
        if (Files.isDirectory(staging)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(staging)) {
                for (Path entry : entries) {
                    try {
                        if (Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff)) {
                            FileOps.deleteRecursively(entry);
                            deleted.add(entry.getFileName().toString());
                        }
                    } catch (NoSuchFileException e) {
                        // published or deleted meanwhile
                    }
                }
            }
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(modelDir, CURRENT_TMP_PREFIX + "*")) {
            for (Path entry : entries) {
                Files.deleteIfExists(entry);
                deleted.add(entry.getFileName().toString());
            }
        }
        return deleted;
    }

    private ModelLock lock(String model) throws IOException {
        Path modelDir = Files.createDirectories(modelDir(model));
        return ModelLock.acquire(modelDir.resolve(LOCK));
    }

    private Path modelDir(String model) {
        return root.resolve(Names.requireModel(model));
    }

    private Path versionDir(String model, String version) {
        return modelDir(model).resolve(VERSIONS).resolve(Names.requireVersion(version));
    }

    private Path existingVersionDir(String model, String version) {
        Path dir = versionDir(model, version);
        if (!Files.isDirectory(dir)) {
            throw new ModelStoreException(dir, "no such version");
        }
        return dir;
    }

    private static List<String> listNames(Path dir, Predicate<String> valid) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(valid)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ModelStoreException(dir, "cannot list: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            FileOps.deleteRecursively(path);
        } catch (IOException e) {
            log.warn("Could not delete {}; prune will retry once it is an hour old", path, e);
        }
    }
}
