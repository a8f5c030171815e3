package org.convncf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SafeTensorsTest {

    @TempDir
    Path dir;

    /** A two-tensor file with metadata, built byte by byte from the format description. */
    private static byte[] handBuiltExample() {
        String json = "{\"__metadata__\":{\"k\":\"v\"},"
                + "\"b\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}";
        assertThat(json).hasSize(132); // padded with 4 spaces to 136, a multiple of 8
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 136, 0, 0, 0, 0, 0, 0, 0});
        out.writeBytes((json + "    ").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {2, 1, 0, 0, 0, 0, 0, 0}); // b = 258L
        out.writeBytes(new byte[] {0, 0, (byte) 0x80, 0x3f}); // a[0] = 1.0f
        out.writeBytes(new byte[] {0, 0, 0, (byte) 0xc0}); // a[1] = -2.0f
        return out.toByteArray();
    }

    @Test
    void writerProducesTheHandBuiltBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // Given in the "wrong" order: the writer puts the 8-byte I64 first to keep both aligned.
        SafeTensors.write(out, List.of(
                Tensor.of("a", new long[] {2}, new float[] {1f, -2f}),
                Tensor.of("b", new long[] {}, new long[] {258})), Map.of("k", "v"));

        assertThat(out.toByteArray()).isEqualTo(handBuiltExample());
    }

    @Test
    void readerParsesTheHandBuiltBytes() throws IOException {
        Path file = Files.write(dir.resolve("x.safetensors"), handBuiltExample());

        SafeTensors.Contents contents = SafeTensors.read(file);

        assertThat(contents.metadata()).containsExactly(Map.entry("k", "v"));
        assertThat(contents.tensors().keySet()).containsExactly("b", "a");
        assertThat(contents.tensors().get("a").floats()).containsExactly(1f, -2f);
        assertThat(contents.tensors().get("b").longs()).containsExactly(258L);
        assertThat(contents.tensors().get("b").shape()).isEmpty();
    }

    @Test
    void roundTripsEveryDtypeAndShapeWithAlignedData() throws IOException {
        Random random = new Random(1);
        float[] big = new float[50_000]; // several 64 KiB chunks
        for (int i = 0; i < big.length; i++) {
            big[i] = random.nextFloat() - 0.5f;
        }
        List<Tensor> tensors = List.of(
                Tensor.of("f", new long[] {3}, new float[] {Float.NaN, Float.NEGATIVE_INFINITY, -0f}),
                Tensor.of("i", new long[] {1, 3}, new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}),
                Tensor.of("l", new long[] {2, 1, 1}, new long[] {Long.MIN_VALUE, Long.MAX_VALUE}),
                Tensor.of("empty_f", new long[] {0}, new float[0]),
                Tensor.of("empty_l", new long[] {4, 0}, new long[0]),
                Tensor.of("big", new long[] {500, 100}, big));
        Path file = dir.resolve("all.safetensors");

        SafeTensors.write(file, tensors, Map.of());
        SafeTensors.Contents contents = SafeTensors.read(file);

        assertThat(contents.tensors().values()).containsExactlyInAnyOrderElementsOf(tensors);
        assertThat(contents.metadata()).isEmpty();
        // 8-byte elements first, then 4-byte ones, each group in the given order
        assertThat(contents.tensors().keySet()).containsExactly("l", "empty_l", "f", "i", "empty_f", "big");
        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(headerLength % 8).isZero();
        assertThat(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8)).doesNotContain("__metadata__");
    }

    @Test
    void duplicateTensorNamesAreRefusedOnWrite() {
        List<Tensor> twice = List.of(Tensor.of("a", new long[] {0}, new float[0]), Tensor.of("a", new long[] {0}, new int[0]));

        assertThatThrownBy(() -> SafeTensors.write(new ByteArrayOutputStream(), twice, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate tensor name 'a'");
    }

    static Stream<Arguments> malformedHeaders() {
        String a8 = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";
        return Stream.of(
                Arguments.of("{" + a8, 8, "header is not valid JSON"),
                Arguments.of("[1]", 0, "header is not a JSON object"),
                Arguments.of("{" + a8 + "," + a8 + "}", 8, "header is not valid JSON: Duplicate"),
                Arguments.of("{\"a\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4,
                        "tensor 'a': unsupported dtype 'BF16' (supported: F32, I32, I64)"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8,
                        "tensor 'a': data_offsets [0, 16] are out of range of the data section (8 bytes)"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8,
                        "tensor 'a': shape [3] of F32 needs 12 bytes but data_offsets [0, 8] span 8"),
                Arguments.of("{" + a8 + ",\"b\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[4,12]}}", 12,
                        "tensor 'b' at [4, 12) overlaps tensor 'a' at [0, 8)"),
                Arguments.of("{" + a8 + ",\"b\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[12,16]}}", 16,
                        "gap of 4 bytes in the data section before tensor 'b'"),
                Arguments.of("{" + a8 + "}", 12, "4 bytes after the last tensor are not covered by the header"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,0]}}", 8,
                        "data_offsets [8, 0] end before they begin"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8,
                        "shape holds -2, not a non-negative 64-bit integer"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}", 8,
                        "data_offsets has 1 elements, expected 2"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"x\":1}}", 8,
                        "tensor 'a': unknown field 'x'"),
                Arguments.of("{\"a\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "dtype is missing"),
                Arguments.of("{\"__metadata__\":{\"k\":1}}", 0, "__metadata__ value of 'k' is not a string"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("malformedHeaders")
    void malformedHeadersAreRefusedNamingTheFile(String header, int dataBytes, String problem) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("bad.safetensors");
        Files.write(file, concat(length(json.length), json, new byte[dataBytes]));

        assertThatThrownBy(() -> SafeTensors.read(file))
                .isInstanceOf(ModelStoreException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining(problem);
    }

    @Test
    void headerLengthBeyondTheFileIsRefused() throws IOException {
        Path file = dir.resolve("long.safetensors");
        Files.write(file, concat(length(1000), "{}".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> SafeTensors.read(file)).isInstanceOf(ModelStoreException.class)
                .hasMessage(file + ": header length 1000 exceeds the file size (10 bytes);"
                        + " the file is truncated or not a safetensors file");
    }

    @Test
    void headerLengthWithTheTopBitSetIsRefused() throws IOException {
        Path file = dir.resolve("huge.safetensors");
        Files.write(file, concat(length(-1), "{}".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> SafeTensors.read(file)).isInstanceOf(ModelStoreException.class)
                .hasMessageContaining("header length 18446744073709551615 exceeds the file size");
    }

    @Test
    void filesShorterThanTheLengthPrefixAreRefused() throws IOException {
        Path file = Files.write(dir.resolve("short.safetensors"), new byte[] {1, 2, 3});

        assertThatThrownBy(() -> SafeTensors.read(file)).isInstanceOf(ModelStoreException.class)
                .hasMessage(file + ": file is 3 bytes, shorter than the 8-byte header length");
    }

    @Test
    void truncatedDataIsRefused() throws IOException {
        byte[] good = handBuiltExample();
        Path file = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(good, good.length - 1));

        assertThatThrownBy(() -> SafeTensors.read(file)).isInstanceOf(ModelStoreException.class)
                .hasMessageContaining("out of range of the data section (15 bytes)");
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("nope.safetensors");

        assertThatThrownBy(() -> SafeTensors.read(file)).isInstanceOf(ModelStoreException.class)
                .hasMessage(file + ": file is missing");
    }

    @Test
    void metadataKeepsItsOrder() throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("z", "1");
        metadata.put("a", "2");
        Path file = dir.resolve("meta.safetensors");

        SafeTensors.write(file, List.of(), metadata);

        assertThat(SafeTensors.read(file).metadata()).containsExactly(Map.entry("z", "1"), Map.entry("a", "2"));
    }

    private static byte[] length(long n) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(n).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
