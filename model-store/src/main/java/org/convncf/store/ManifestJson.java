package org.convncf.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of {@link Manifest}: pretty-printed on write; strict on read (unknown fields,
 * duplicate keys, type coercions and unsupported format versions are errors naming the file).
 */
final class ManifestJson {

    /** Far above any real manifest; keeps a garbage file from exhausting memory. */
    static final int MAX_BYTES = 16 << 20;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .defaultPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectNameValueSpacing(Separators.Spacing.AFTER)))
            .build();

    private ManifestJson() {}

    /** The manifest as pretty-printed UTF-8 JSON, ending with a newline. */
    static byte[] toBytes(Manifest manifest) {
        byte[] json = MAPPER.writeValueAsBytes(manifest);
        byte[] withNewline = Arrays.copyOf(json, json.length + 1);
        withNewline[json.length] = '\n';
        return withNewline;
    }

    /** Reads and validates {@code file}; every problem is a {@link ModelStoreException} naming it. */
    static Manifest read(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new ModelStoreException(file, "file is missing", e);
        } catch (IOException e) {
            throw new ModelStoreException(file, "cannot read: " + e.getMessage(), e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new ModelStoreException(file, "larger than " + MAX_BYTES + " bytes; not a manifest");
        }
        return parse(bytes, file);
    }

    /** Parses {@code bytes} read from {@code file}. */
    static Manifest parse(byte[] bytes, Path file) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw new ModelStoreException(file, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new ModelStoreException(file, "not a JSON object");
        }
        checkFormatVersion(tree.get("formatVersion"), file);
        try {
            return MAPPER.treeToValue(tree, Manifest.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ModelStoreException(file, "unknown field '" + path(e) + "'", e);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ModelStoreException(file, "invalid manifest: " + cause.getMessage(), e);
        } catch (JacksonException e) {
            throw new ModelStoreException(file, "invalid manifest at '" + path(e) + "': " + e.getOriginalMessage(), e);
        }
    }

    /** Refuses other format versions before binding, whose fields may legitimately differ. */
    private static void checkFormatVersion(JsonNode node, Path file) {
        if (node == null) {
            throw new ModelStoreException(file, "formatVersion is missing");
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() != Manifest.FORMAT_VERSION) {
            throw new ModelStoreException(file, Manifest.unsupportedFormat(node));
        }
    }

    /** The JSON path of the failing value, e.g. {@code files.users.txt.bytes}. */
    private static String path(JacksonException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
