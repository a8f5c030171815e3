package org.convncf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestJsonTest {

    private static final Path FILE = Path.of("store", "m", "versions", "v", "manifest.json");
    private static final String SHA = "0123456789abcdef".repeat(4);

    private static Manifest manifest(Map<String, Object> hyperParameters) {
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        metrics.put("validation", Map.of("HR@10", 0.61));
        metrics.put("test", Map.of("HR@10", 0.6));
        return new Manifest(1, "convncf-svdpp", "20261126T103705.123Z-a1b2c3", Fixtures.START, "convncf", "svdpp",
                hyperParameters, Map.of("embeddingSize", 64), Map.of("seed", 42), metrics, Map.of(), null,
                Map.of("tensors.safetensors", new Manifest.FileEntry(SHA, 123)));
    }

    private static String json(Manifest manifest) {
        return new String(ManifestJson.toBytes(manifest), StandardCharsets.UTF_8);
    }

    private static Manifest parse(String json) {
        return ManifestJson.parse(json.getBytes(StandardCharsets.UTF_8), FILE);
    }

    @Test
    void roundTripKeepsValuesTypesAndOrder() {
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("zeta", 1L); // a small long reads back as Integer; normalized up front
        hp.put("alpha", 0.1f); // a float reads back as the Double of its decimal form
        hp.put("big", 1L << 40);
        hp.put("nothing", null);
        hp.put("nested", Map.of("list", List.of(true, "x", 2.5)));
        Manifest manifest = manifest(hp);

        Manifest read = parse(json(manifest));

        assertThat(read).isEqualTo(manifest);
        assertThat(read.hyperParameters().keySet()).containsExactly("zeta", "alpha", "big", "nothing", "nested");
        assertThat(read.hyperParameters().get("alpha")).isEqualTo(0.1);
        assertThat(read.engine()).isEmpty();
    }

    @Test
    void writesPrettyPrintedJsonInRecordOrder() {
        String json = json(manifest(Map.of()));

        assertThat(json).startsWith("{\n  \"formatVersion\": 1,\n  \"model\": \"convncf-svdpp\",\n")
                .contains("\n  \"createdAt\": \"2026-11-26T10:37:05.123Z\",\n")
                .contains("\"tensors.safetensors\": {\n      \"sha256\": \"" + SHA + "\",\n      \"bytes\": 123\n")
                .endsWith("}\n");
    }

    @Test
    void metricHelperFindsValuesBySectionAndName() {
        Manifest manifest = manifest(Map.of());

        assertThat(manifest.metric("validation", "HR@10")).hasValue(0.61);
        assertThat(manifest.metric("validation", "NDCG@10")).isEmpty();
        assertThat(manifest.metric("train", "HR@10")).isEmpty();
    }

    @Test
    void unknownFieldsAreRefusedOutsideTheFreeFormSections() {
        String json = json(manifest(Map.of("anything", Map.of("goes", 1))));

        assertThatThrownBy(() -> parse(json.replace("\"type\":", "\"colour\": \"red\",\n  \"type\":")))
                .isInstanceOf(ModelStoreException.class)
                .hasMessage(FILE + ": unknown field 'colour'");
        assertThatThrownBy(() -> parse(json.replace("\"bytes\": 123", "\"bytes\": 123, \"md5\": \"x\"")))
                .hasMessage(FILE + ": unknown field 'files.tensors.safetensors.md5'");
    }

    @Test
    void otherFormatVersionsAreRefusedSayingWhichAreSupported() {
        String json = json(manifest(Map.of()));

        assertThatThrownBy(() -> parse(json.replace("\"formatVersion\": 1", "\"formatVersion\": 2")))
                .isInstanceOf(ModelStoreException.class)
                .hasMessage(FILE + ": unsupported formatVersion 2 (this reader supports formatVersion 1 only)");
        assertThatThrownBy(() -> parse(json.replace("\"formatVersion\": 1", "\"formatVersion\": \"1\"")))
                .hasMessageContaining("unsupported formatVersion \"1\"");
        assertThatThrownBy(() -> parse(json.replace("\"formatVersion\": 1,", "")))
                .hasMessage(FILE + ": formatVersion is missing");
    }

    @Test
    void malformedContentIsRefusedNamingTheFile() {
        String json = json(manifest(Map.of()));

        assertThatThrownBy(() -> parse(json.substring(0, json.length() / 2)))
                .isInstanceOf(ModelStoreException.class).hasMessageStartingWith(FILE + ": not valid JSON");
        assertThatThrownBy(() -> parse("[1]")).hasMessage(FILE + ": not a JSON object");
        assertThatThrownBy(() -> parse(json.replace("\"bytes\": 123", "\"bytes\": \"123\"")))
                .hasMessageStartingWith(FILE + ": invalid manifest at 'files.tensors.safetensors.bytes'");
        assertThatThrownBy(() -> parse(json.replace(SHA, SHA.toUpperCase())))
                .hasMessageContaining("invalid manifest: sha256 '" + SHA.toUpperCase() + "' is not 64 lowercase hex");
        assertThatThrownBy(() -> parse(json.replace("\"model\": \"convncf-svdpp\"", "\"model\": \"../evil\"")))
                .hasMessageContaining("invalid manifest: invalid model name '../evil'");
        assertThatThrownBy(() -> parse(json.replace("\"tensors.safetensors\"", "\"../../x\"")))
                .hasMessageContaining("invalid file name '../../x'");
        assertThatThrownBy(() -> parse(json.replace("\"HR@10\": 0.61", "\"HR@10\": null")))
                .hasMessageContaining("metrics.validation.HR@10 = null is not a finite number");
        assertThatThrownBy(() -> parse(json.replace("\"model\"", "\"version\": \"x\",\n  \"model\"")))
                .hasMessageStartingWith(FILE + ": not valid JSON: Duplicate");
    }

    @Test
    void nonJsonValuesAreRefusedWhenAdded() {
        ArtifactBuilder builder = new ArtifactBuilder("convncf", "svdpp");

        assertThatThrownBy(() -> builder.hyperParameters(Map.of("when", new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hyperParameters.when: java.lang.Object is not a JSON value"
                        + " (use String, Number, Boolean, null, Map or List)");
        assertThatThrownBy(() -> builder.training(Map.of("loss", List.of(1.0, Double.NaN))))
                .hasMessage("training.loss[1]: NaN is not representable in JSON");
        assertThatThrownBy(() -> builder.metric("validation", "HR@10", Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void freeFormSectionsAreDeeplyImmutable() {
        List<Object> layers = new java.util.ArrayList<>(Arrays.asList(1, 2));
        Manifest manifest = manifest(Map.of("layers", layers));
        layers.add(3);

        assertThat(manifest.hyperParameters().get("layers")).isEqualTo(List.of(1, 2));
        @SuppressWarnings("unchecked")
        List<Object> copy = (List<Object>) manifest.hyperParameters().get("layers");
        assertThatThrownBy(() -> copy.add(3)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> manifest.metrics().get("test").put("x", 1.0))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
