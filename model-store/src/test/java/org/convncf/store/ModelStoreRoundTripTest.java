package org.convncf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreRoundTripTest {

    @TempDir
    Path root;

    @Test
    void publishedVersionOpensWithIdenticalContent() throws IOException {
        Path png = Files.write(root.resolve("curve.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
        ArtifactBuilder artifact = Fixtures.artifact(0.61).file("learning-curve.png", png);
        ModelStore store = new ModelStore(root.resolve("store"), Fixtures.steppingClock());

        PublishResult result = store.publish(Fixtures.MODEL, artifact, Gate.always());
        ModelArtifact opened = store.openCurrent(Fixtures.MODEL);

        assertThat(result.current()).isTrue();
        assertThat(result.version()).isEqualTo("20261126T103705.123Z-" + result.version().substring(21))
                .matches(".*-[0-9a-f]{6}");
        Manifest m = opened.manifest();
        assertThat(m.formatVersion()).isEqualTo(Manifest.FORMAT_VERSION);
        assertThat(m.model()).isEqualTo(Fixtures.MODEL);
        assertThat(m.version()).isEqualTo(result.version());
        assertThat(m.createdAt()).isEqualTo(Fixtures.START);
        assertThat(m.type()).isEqualTo("convncf");
        assertThat(m.variant()).isEqualTo("svdpp");
        assertThat(m.hyperParameters()).containsExactly(Map.entry("learningRate", 0.01),
                Map.entry("epochs", 20), Map.entry("layers", List.of(32, 32, 32)))
                .hasSize(3);
        assertThat(m.split()).containsEntry("seed", 42)
                .containsEntry("protocol", Map.of("negatives", 99, "holdout", "leave-one-out"));
        assertThat(m.metric("validation", "HR@10")).hasValue(0.61);
        assertThat(m.metric("test", "NDCG@10")).hasValue(0.37);
        assertThat(m.training()).containsEntry("seconds", 1.5);
        assertThat(m.engine()).containsEntry("djl", "0.36.0");
        assertThat(m.files().keySet()).containsExactly(
                "tensors.safetensors", "users.txt", "items.txt", "epochs.csv", "learning-curve.png");
        assertThat(m.file("learning-curve.png")).hasValueSatisfying(f -> assertThat(f.bytes()).isEqualTo(7));

        assertThat(opened.tensor("user_embedding"))
                .isEqualTo(Tensor.of("user_embedding", new long[] {3, 2},
                        new float[] {0.5f, -1f, 2.25f, 0f, Float.MIN_VALUE, 1e30f}));
        assertThat(opened.tensor("history_index").ints()).containsExactly(0, 1, Integer.MAX_VALUE, -1);
        assertThat(opened.tensor("history_index").shape()).containsExactly(2, 2);
        assertThat(opened.tensor("step").longs()).containsExactly(Long.MIN_VALUE);
        assertThat(opened.tensor("step").shape()).isEmpty();
        assertThat(opened.tensor("empty").shape()).containsExactly(0, 4);
        assertThat(opened.tensor("item_bias").floats()).containsExactly(0.25f, -0.125f);
        assertThat(opened.tensors()).hasSize(5);
        assertThatThrownBy(() -> opened.tensor("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no tensor 'nope'");

        assertThat(opened.users()).isEqualTo(IdMap.of(List.of("alice", "bob", "zoë")));
        assertThat(opened.items().externalIds()).containsExactly("i1", "i2");
        assertThat(Files.readString(opened.file("epochs.csv"))).isEqualTo("epoch,loss\n1,0.5\n");
        assertThat(Files.readAllBytes(opened.file("learning-curve.png"))).isEqualTo(Files.readAllBytes(png));
        assertThatThrownBy(() -> opened.file("manifest.json")).isInstanceOf(IllegalArgumentException.class);

        assertThat(store.open(Fixtures.MODEL, result.version()).manifest()).isEqualTo(m);
        assertThat(store.manifest(Fixtures.MODEL, result.version())).isEqualTo(m);
    }

    @Test
    void layoutOnDiskIsTheDocumentedOne() throws IOException {
        Path storeRoot = root.resolve("store");
        ModelStore store = new ModelStore(storeRoot, Fixtures.steppingClock());

        String version = store.publish(Fixtures.MODEL, Fixtures.artifact(0.5), Gate.always()).version();

        Path modelDir = storeRoot.resolve(Fixtures.MODEL);
        assertThat(Files.readString(modelDir.resolve("current"), StandardCharsets.US_ASCII)).isEqualTo(version + "\n");
        assertThat(list(modelDir)).containsExactlyInAnyOrder(".lock", ".staging", "current", "versions");
        assertThat(list(modelDir.resolve(".staging"))).isEmpty();
        assertThat(list(modelDir.resolve("versions"))).containsExactly(version);
        assertThat(list(modelDir.resolve("versions").resolve(version))).containsExactlyInAnyOrder(
                "manifest.json", "tensors.safetensors", "users.txt", "items.txt", "epochs.csv");
        assertThat(Files.readString(modelDir.resolve("versions").resolve(version).resolve("users.txt")))
                .isEqualTo("alice\nbob\nzoë\n");
        assertThat(SafeTensors.read(modelDir.resolve("versions").resolve(version).resolve("tensors.safetensors"))
                .tensors()).hasSize(5);
    }

    @Test
    void listsModelsAndVersionsOldestFirstIgnoringStrays() throws IOException {
        ModelStore store = new ModelStore(root, Fixtures.steppingClock());
        String v1 = store.publish("b-model", Fixtures.artifact(0.5), Gate.always()).version();
        String v2 = store.publish("b-model", Fixtures.artifact(0.5), Gate.always()).version();
        store.publish("a.model", Fixtures.artifact(0.5), Gate.always());
        Files.createDirectories(root.resolve("Not-A-Model"));
        Files.createDirectories(root.resolve("b-model").resolve("versions").resolve("not-a-version"));
        Files.createDirectories(root.resolve("b-model").resolve(".staging").resolve("20990101T000000.000Z-abcdef"));

        assertThat(store.models()).containsExactly("a.model", "b-model");
        assertThat(store.versions("b-model")).containsExactly(v1, v2);
        assertThat(store.versions("unknown")).isEmpty();
        assertThat(new ModelStore(root.resolve("absent")).models()).isEmpty();
    }

    @Test
    void incompleteArtifactsAndBadExtraFileNamesAreRefusedBeforeWriting() {
        ModelStore store = new ModelStore(root);
        ArtifactBuilder noItems = new ArtifactBuilder("convncf", "svdpp").users(IdMap.range(2));

        assertThatThrownBy(() -> store.publish("m", noItems, Gate.always()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("items");
        assertThat(root.resolve("m")).doesNotExist();

        ArtifactBuilder artifact = Fixtures.artifact(0.5);
        for (String name : List.of("manifest.json", "Manifest.JSON", "users.txt", "tensors.safetensors", "..",
                ".", "a/b", "", "x y")) {
            assertThatThrownBy(() -> artifact.file(name, new byte[0]))
                    .as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> artifact.file("epochs.csv", new byte[0]))
                .hasMessageContaining("duplicate file name 'epochs.csv'");
        assertThatThrownBy(() -> artifact.tensor("step", new long[] {1}, new long[] {1}))
                .hasMessageContaining("duplicate tensor name 'step'");
        assertThatThrownBy(() -> artifact.file("gone.png", root.resolve("gone.png")))
                .hasMessageContaining("is not a regular file");
    }

    @Test
    void aFailedPublishLeavesNothingBehind() throws IOException {
        Path source = Files.write(root.resolve("plot.png"), new byte[] {1, 2, 3});
        ArtifactBuilder artifact = Fixtures.artifact(0.5).file("plot.png", source);
        Files.delete(source); // the copy fails half-way through writing the version
        ModelStore store = new ModelStore(root.resolve("store"));

        assertThatThrownBy(() -> store.publish(Fixtures.MODEL, artifact, Gate.always()))
                .isInstanceOf(ModelStoreException.class)
                .hasMessageContaining("cannot publish version");

        assertThat(store.versions(Fixtures.MODEL)).isEmpty();
        assertThat(store.currentVersion(Fixtures.MODEL)).isEmpty();
        assertThat(list(root.resolve("store").resolve(Fixtures.MODEL).resolve(".staging"))).isEmpty();
    }

    static List<String> list(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }
}
