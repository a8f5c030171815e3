package org.convncf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of damage to a published version makes {@code open} refuse it, naming the file. */
class CorruptionTest {

    @TempDir
    Path root;

    private ModelStore store;
    private String version;
    private Path dir;

    @BeforeEach
    void publish() {
        store = new ModelStore(root, Fixtures.steppingClock());
        version = store.publish(Fixtures.MODEL, Fixtures.artifact(0.5), Gate.always()).version();
        dir = root.resolve(Fixtures.MODEL).resolve("versions").resolve(version);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertOpenFails() {
        assertThatThrownBy(() -> store.openCurrent(Fixtures.MODEL)).isInstanceOf(ModelStoreException.class);
        return assertThatThrownBy(() -> store.open(Fixtures.MODEL, version)).isInstanceOf(ModelStoreException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tensors.safetensors", "users.txt", "items.txt", "epochs.csv"})
    void aFlippedByteIsASha256Mismatch(String name) throws IOException {
        Path file = dir.resolve(name);
        byte[] bytes = Files.readAllBytes(file);
        String expected = store.manifest(Fixtures.MODEL, version).files().get(name).sha256();
        bytes[bytes.length - 2] ^= 0x01;
        Files.write(file, bytes);

        assertOpenFails().hasMessageStartingWith(file + ": SHA-256 mismatch (expected " + expected + ", found ")
                .hasMessageNotContaining("found " + expected);
    }

    @Test
    void aTruncatedFileIsASizeMismatch() throws IOException {
        Path file = dir.resolve("tensors.safetensors");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 4));

        assertOpenFails().hasMessage(file + ": size mismatch (expected " + bytes.length + " bytes, found "
                + (bytes.length - 4) + ")");
    }

    @Test
    void aDeletedFileIsMissing() throws IOException {
        Files.delete(dir.resolve("items.txt"));

        assertOpenFails().hasMessage(dir.resolve("items.txt") + ": listed in manifest.json but missing");
    }

    @Test
    void anUnlistedFileOrDirectoryIsRefused() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "sneaked in");

        assertOpenFails().hasMessage(dir.resolve("notes.txt")
                + ": not listed in manifest.json; a published version must not change");

        Files.delete(dir.resolve("notes.txt"));
        Files.createDirectory(dir.resolve("extra"));
        assertOpenFails().hasMessageStartingWith(dir.resolve("extra") + ": not listed in manifest.json");
    }

    @Test
    void aMissingManifestIsRefused() throws IOException {
        Files.delete(dir.resolve("manifest.json"));

        assertOpenFails().hasMessage(dir.resolve("manifest.json") + ": file is missing");
    }

    @Test
    void badManifestJsonIsRefused() throws IOException {
        Files.writeString(dir.resolve("manifest.json"), "{\"formatVersion\": 1, ");

        assertOpenFails().hasMessageStartingWith(dir.resolve("manifest.json") + ": not valid JSON");
    }

    @Test
    void anUnknownFormatVersionIsRefused() throws IOException {
        Path manifest = dir.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"formatVersion\": 1", "\"formatVersion\": 7"));

        assertOpenFails().hasMessage(manifest + ": unsupported formatVersion 7 (this reader supports formatVersion 1 only)");
    }

    @Test
    void aManifestOfAnotherVersionIsRefused() throws IOException {
        String other = "20300101T000000.000Z-000000";
        Files.move(dir, dir.resolveSibling(other));

        assertThatThrownBy(() -> store.open(Fixtures.MODEL, other)).isInstanceOf(ModelStoreException.class)
                .hasMessage(dir.resolveSibling(other).resolve("manifest.json") + ": names version '" + version
                        + "' but is stored as version '" + other + "'");
    }

    @Test
    void aManifestOfAnotherModelIsRefused() throws IOException {
        Path copy = root.resolve("other").resolve("versions").resolve(version);
        Files.createDirectories(copy.getParent());
        Files.move(dir, copy);

        assertThatThrownBy(() -> store.open("other", version)).isInstanceOf(ModelStoreException.class)
                .hasMessage(copy.resolve("manifest.json") + ": names model '" + Fixtures.MODEL
                        + "' but is stored under model 'other'");
    }

    @Test
    void aManifestWithoutAStandardFileIsRefused() throws IOException {
        Manifest m = store.manifest(Fixtures.MODEL, version);
        Map<String, Manifest.FileEntry> files = new LinkedHashMap<>(m.files());
        files.remove("users.txt");
        Files.delete(dir.resolve("users.txt"));
        writeManifest(m, files);

        assertOpenFails().hasMessage(dir.resolve("manifest.json") + ": does not list the required file users.txt");
    }

    @Test
    void contentIsValidatedEvenWhenChecksumsMatch() throws IOException {
        replaceListedFile("users.txt", "alice\nbob\nalice\n".getBytes(StandardCharsets.UTF_8));
        assertOpenFails().hasMessage(dir.resolve("users.txt") + ": line 3: duplicate id 'alice' (first on line 1)");

        replaceListedFile("users.txt", "alice\n\n".getBytes(StandardCharsets.UTF_8));
        assertOpenFails().hasMessage(dir.resolve("users.txt") + ": line 2: empty id");

        replaceListedFile("users.txt", "alice\n".getBytes(StandardCharsets.UTF_8));
        replaceListedFile("tensors.safetensors", new byte[] {8, 0, 0, 0, 0, 0, 0, 0, 'n', 'o', 't', ' ', 'j', 's', 'o', 'n'});
        assertOpenFails().hasMessageStartingWith(dir.resolve("tensors.safetensors") + ": header is not valid JSON");
    }

    @Test
    void aCorruptVersionIsNotMadeCurrent() throws IOException {
        String good = version;
        String bad = store.publish(Fixtures.MODEL, Fixtures.artifact(0.4), Gate.notWorse("validation", "HR@10")).version();
        Files.writeString(root.resolve(Fixtures.MODEL).resolve("versions").resolve(bad).resolve("users.txt"), "x\n");

        assertThatThrownBy(() -> store.setCurrent(Fixtures.MODEL, bad)).isInstanceOf(ModelStoreException.class)
                .hasMessageContaining("users.txt: size mismatch");
        assertThat(store.currentVersion(Fixtures.MODEL)).contains(good);
    }

    /** Replaces a listed file and updates its manifest entry, so only content validation can catch it. */
    private void replaceListedFile(String name, byte[] content) throws IOException {
        Files.write(dir.resolve(name), content);
        Manifest m = store.manifest(Fixtures.MODEL, version);
        Map<String, Manifest.FileEntry> files = new LinkedHashMap<>(m.files());
        files.put(name, FileOps.digest(dir.resolve(name)));
        writeManifest(m, files);
    }

    private void writeManifest(Manifest m, Map<String, Manifest.FileEntry> files) throws IOException {
        Manifest changed = new Manifest(m.formatVersion(), m.model(), m.version(), m.createdAt(), m.type(),
                m.variant(), m.hyperParameters(), m.architecture(), m.split(), m.metrics(), m.training(),
                m.engine(), files);
        Files.write(dir.resolve("manifest.json"), ManifestJson.toBytes(changed));
    }
}
