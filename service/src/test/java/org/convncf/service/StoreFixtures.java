package org.convncf.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.convncf.nn.Tensors;
import org.convncf.store.ArtifactBuilder;
import org.convncf.store.Gate;
import org.convncf.store.Manifest;
import org.convncf.store.ModelArtifact;
import org.convncf.store.ModelStore;
import org.convncf.store.PublishResult;
import org.convncf.store.Tensor;

/**
 * Publishing into a model store from tests without training again (training the tiny ConvNCF takes
 * tens of seconds on two cores): a version read from one store is re-published, optionally with
 * changed tensors, through {@link ModelStore#publish} — the trainer's own path (staging directory,
 * verification, atomic rename, atomic switch of {@code current}).
 */
public final class StoreFixtures {

    public static final String MODEL = TestModels.MODEL;
    private static final Set<String> STANDARD_FILES = Set.of("tensors.safetensors", "users.txt", "items.txt");
    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private StoreFixtures() {
    }

    /** Publishes the current version of {@code source} into {@code target} as a new current version. */
    public static PublishResult republish(Path source, Path target, UnaryOperator<Tensor> change) {
        ModelArtifact artifact = new ModelStore(source).openCurrent(MODEL);
        Manifest m = artifact.manifest();
        ArtifactBuilder builder = new ArtifactBuilder(m.type(), m.variant())
                .hyperParameters(m.hyperParameters())
                .architecture(m.architecture())
                .split(m.split())
                .training(m.training())
                .engine(m.engine())
                .users(artifact.users())
                .items(artifact.items());
        for (Map.Entry<String, Map<String, Double>> section : m.metrics().entrySet()) {
            builder.metrics(section.getKey(), section.getValue());
        }
        for (Tensor t : artifact.tensors().values()) {
            builder.tensor(change.apply(t));
        }
        for (String file : m.files().keySet()) {
            if (!STANDARD_FILES.contains(file)) {
                builder.file(file, artifact.file(file));
            }
        }
        PublishResult result = new ModelStore(target).publish(MODEL, builder, Gate.always());
        if (!result.current()) {
            throw new IllegalStateException("republished version did not become current: " + result);
        }
        return result;
    }

    /** A different model: the ConvNCF output layer negated, so that it ranks the candidates the other way round. */
    public static Tensor negatedOutputLayer(Tensor t) {
        if (!t.name().equals(Tensors.OUTPUT_WEIGHT)) {
            return t;
        }
        float[] w = t.floats();
        for (int i = 0; i < w.length; i++) {
            w[i] = -w[i];
        }
        return Tensor.of(t.name(), t.shape(), w);
    }

    /**
     * Writes, by hand, a new version of the current one whose manifest is consistent but whose
     * {@code tensors.safetensors} has one byte flipped, and points {@code current} at it.
     *
     * @return the corrupt version's name
     */
    public static String publishCorruptVersion(Path store) {
        try {
            ModelStore s = new ModelStore(store);
            String current = s.currentVersion(MODEL).orElseThrow();
            String version = VERSION_TIME.format(Instant.now()) + "-"
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt(1 << 24)).substring(2);
            Path versions = store.resolve(MODEL).resolve("versions");
            Path from = versions.resolve(current);
            Path staging = Files.createDirectories(store.resolve(MODEL).resolve(".staging")).resolve(version);
            Files.createDirectory(staging);
            try (var files = Files.list(from)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.copy(f, staging.resolve(f.getFileName().toString()));
                }
            }
            Path manifest = staging.resolve("manifest.json");
            Files.writeString(manifest, Files.readString(manifest, StandardCharsets.UTF_8).replace(current, version),
                    StandardCharsets.UTF_8);
            Path tensors = staging.resolve("tensors.safetensors");
            byte[] bytes = Files.readAllBytes(tensors);
            bytes[bytes.length - 17] ^= 0x40; // inside the data, after the header: only the checksum notices
            Files.write(tensors, bytes);
            Files.move(staging, versions.resolve(version), StandardCopyOption.ATOMIC_MOVE);
            pointCurrentAt(store, version);
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Switches {@code current} with one atomic rename, as the store does. */
    public static void pointCurrentAt(Path store, String version) {
        try {
            Path dir = store.resolve(MODEL);
            Path tmp = dir.resolve("current.tmp-test");
            Files.writeString(tmp, version + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, dir.resolve("current"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
