package org.convncf.store;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format, so
 * artifacts can be inspected with standard tools ({@code safetensors.safe_open} in Python).
 *
 * <p>Layout: an 8-byte little-endian header length {@code N}; {@code N} bytes of UTF-8 JSON mapping
 * each tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} plus an optional
 * {@code "__metadata__"} string map, padded with spaces so the data starts 8-byte aligned; then the
 * little-endian element data. Offsets are relative to the data section; the tensors cover it exactly,
 * without gaps or overlap.
 *
 * <p>The writer emits {@code __metadata__} first and the tensors in data order, largest element size
 * first (stable otherwise), which keeps every tensor naturally aligned. The reader accepts any valid
 * file and validates it completely: every violation is a {@link ModelStoreException} naming the file.
 */
public final class SafeTensors {

    /** The header size limit of the reference implementation, which also bounds memory on bad input. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final int CHUNK_BYTES = 1 << 16;
    private static final Set<String> ENTRY_FIELDS = Set.of("dtype", "shape", "data_offsets");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SafeTensors() {}

    /**
     * The content of a safetensors file.
     *
     * @param tensors the tensors by name, in data order
     * @param metadata the {@code __metadata__} entries, in header order (empty when absent)
     */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    /** Writes {@code tensors} and {@code metadata} to {@code file}, replacing it. */
    public static void write(Path file, Collection<Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), CHUNK_BYTES)) {
            write(out, tensors, metadata);
        }
    }

    /**
     * Writes {@code tensors} and {@code metadata} to {@code out}, which is left open.
     *
     * @throws IllegalArgumentException if two tensors share a name
     */
    public static void write(OutputStream out, Collection<Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        List<Tensor> layout = layout(tensors);
        byte[] header = header(layout, metadata);
        out.write(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
        out.write(header);
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor tensor : layout) {
            writeData(out, tensor, chunk);
        }
    }

    /**
     * Reads and validates {@code file}.
     *
     * @throws ModelStoreException naming the file if it is missing, unreadable or malformed in any way
     */
    public static Contents read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new Reader(file, channel).read();
        } catch (NoSuchFileException e) {
            throw new ModelStoreException(file, "file is missing", e);
        } catch (IOException e) {
            throw new ModelStoreException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static List<Tensor> layout(Collection<Tensor> tensors) {
        Set<String> names = new HashSet<>();
        for (Tensor tensor : tensors) {
            if (!names.add(tensor.name())) {
                throw new IllegalArgumentException("duplicate tensor name '" + tensor.name() + "'");
            }
        }
        List<Tensor> layout = new ArrayList<>(tensors);
        layout.sort(Comparator.comparingInt((Tensor t) -> t.dtype().byteSize()).reversed());
        return layout;
    }

    private static byte[] header(List<Tensor> layout, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject(Tensor.METADATA_KEY);
            metadata.forEach((k, v) -> meta.put(Objects.requireNonNull(k, "metadata key"),
                    Objects.requireNonNull(v, () -> "metadata value of '" + k + "'")));
        }
        long offset = 0;
        for (Tensor tensor : layout) {
            ObjectNode entry = header.putObject(tensor.name());
            entry.put("dtype", tensor.dtype().name());
            ArrayNode shape = entry.putArray("shape");
            for (long dim : tensor.shape()) {
                shape.add(dim);
            }
            entry.putArray("data_offsets").add(offset).add(offset + tensor.byteSize());
            offset += tensor.byteSize();
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) & ~7;
        byte[] result = Arrays.copyOf(json, padded);
        Arrays.fill(result, json.length, padded, (byte) ' ');
        return result;
    }

    private static void writeData(OutputStream out, Tensor tensor, ByteBuffer chunk) throws IOException {
        Buffer source = tensor.buffer();
        int elementBytes = tensor.dtype().byteSize();
        while (source.hasRemaining()) {
            int n = Math.min(source.remaining(), chunk.capacity() / elementBytes);
            int at = source.position();
            chunk.clear();
            switch (tensor.dtype()) {
                case F32 -> chunk.asFloatBuffer().put(((FloatBuffer) source).slice(at, n));
                case I32 -> chunk.asIntBuffer().put(((IntBuffer) source).slice(at, n));
                case I64 -> chunk.asLongBuffer().put(((LongBuffer) source).slice(at, n));
            }
            source.position(at + n);
            out.write(chunk.array(), 0, n * elementBytes);
        }
    }

    /** One validated header entry. */
    private record Entry(String name, DType dtype, long[] shape, int count, long begin, long end) {}

    /** Fills {@code n} elements at {@code offset} of a target array from a little-endian chunk. */
    @FunctionalInterface
    private interface ChunkSink {
        void accept(ByteBuffer chunk, int offset, int n);
    }

    /** Validates one file; every problem becomes a {@link ModelStoreException} naming it. */
    private static final class Reader {
        private final Path file;
        private final FileChannel channel;

        Reader(Path file, FileChannel channel) {
            this.file = file;
            this.channel = channel;
        }

        Contents read() throws IOException {
            long fileSize = channel.size();
            if (fileSize < Long.BYTES) {
                throw fail("file is " + fileSize + " bytes, shorter than the 8-byte header length");
            }
            long headerLength = readFully(0, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 0 || headerLength > fileSize - Long.BYTES) {
                throw fail("header length " + Long.toUnsignedString(headerLength) + " exceeds the file size ("
                        + fileSize + " bytes); the file is truncated or not a safetensors file");
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw fail("header length " + headerLength + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
            }
            JsonNode header = parseHeader(readFully(Long.BYTES, (int) headerLength).array());
            long dataStart = Long.BYTES + headerLength;
            long dataLength = fileSize - dataStart;

            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = new ArrayList<>();
            for (Map.Entry<String, JsonNode> property : header.properties()) {
                if (property.getKey().equals(Tensor.METADATA_KEY)) {
                    metadata = metadata(property.getValue());
                } else {
                    entries.add(entry(property.getKey(), property.getValue(), dataLength));
                }
            }
            entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
            checkCoverage(entries, dataLength);

            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : entries) {
                Object data = readData(dataStart + e.begin(), e);
                tensors.put(e.name(), Tensor.wrap(e.name(), e.dtype(), e.shape(), data));
            }
            return new Contents(tensors, metadata);
        }

        private JsonNode parseHeader(byte[] bytes) {
            JsonNode header;
            try {
                header = JSON.readTree(bytes);
            } catch (JacksonException e) {
                throw fail("header is not valid JSON: " + e.getOriginalMessage());
            }
            if (header == null || !header.isObject()) {
                throw fail("header is not a JSON object");
            }
            return header;
        }

        private Map<String, String> metadata(JsonNode node) {
            if (!node.isObject()) {
                throw fail("__metadata__ is not a JSON object");
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                if (!property.getValue().isString()) {
                    throw fail("__metadata__ value of '" + property.getKey() + "' is not a string");
                }
                metadata.put(property.getKey(), property.getValue().stringValue());
            }
            return metadata;
        }

        private Entry entry(String name, JsonNode node, long dataLength) {
            String where = "tensor '" + name + "'";
            if (name.isEmpty()) {
                throw fail("a tensor has an empty name");
            }
            if (!node.isObject()) {
                throw fail(where + ": entry is not a JSON object");
            }
            for (String property : node.propertyNames()) {
                if (!ENTRY_FIELDS.contains(property)) {
                    throw fail(where + ": unknown field '" + property + "'");
                }
            }
            JsonNode dtypeNode = node.get("dtype");
            if (dtypeNode == null || !dtypeNode.isString()) {
                throw fail(where + ": dtype is missing or not a string");
            }
            DType dtype;
            try {
                dtype = DType.parse(dtypeNode.stringValue());
            } catch (IllegalArgumentException e) {
                throw fail(where + ": " + e.getMessage());
            }
            long[] shape = longs(node.get("shape"), where + ": shape", -1);
            long[] offsets = longs(node.get("data_offsets"), where + ": data_offsets", 2);
            long begin = offsets[0];
            long end = offsets[1];
            if (begin > end) {
                throw fail(where + ": data_offsets [" + begin + ", " + end + "] end before they begin");
            }
            if (end > dataLength) {
                throw fail(where + ": data_offsets [" + begin + ", " + end
                        + "] are out of range of the data section (" + dataLength + " bytes)");
            }
            long count;
            try {
                count = Tensor.elementCount(shape);
            } catch (IllegalArgumentException e) {
                throw fail(where + ": " + e.getMessage());
            }
            long expected = count * dtype.byteSize();
            if (end - begin != expected) {
                throw fail(where + ": shape " + Arrays.toString(shape) + " of " + dtype + " needs " + expected
                        + " bytes but data_offsets [" + begin + ", " + end + "] span " + (end - begin));
            }
            return new Entry(name, dtype, shape, (int) count, begin, end);
        }

        /** A JSON array of non-negative integers, of length {@code length} unless it is negative. */
        private long[] longs(JsonNode node, String what, int length) {
            if (node == null || !node.isArray()) {
                throw fail(what + " is missing or not an array");
            }
            if (length >= 0 && node.size() != length) {
                throw fail(what + " has " + node.size() + " elements, expected " + length);
            }
            long[] values = new long[node.size()];
            for (int i = 0; i < values.length; i++) {
                JsonNode v = node.get(i);
                if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                    throw fail(what + " holds " + v + ", not a non-negative 64-bit integer");
                }
                values[i] = v.longValue();
            }
            return values;
        }

        private void checkCoverage(List<Entry> sorted, long dataLength) {
            long expected = 0;
            Entry previous = null;
            for (Entry e : sorted) {
                if (e.begin() < expected) {
                    throw fail("tensor '" + e.name() + "' at [" + e.begin() + ", " + e.end()
                            + ") overlaps tensor '" + previous.name() + "' at [" + previous.begin() + ", "
                            + previous.end() + ")");
                }
                if (e.begin() > expected) {
                    throw fail("gap of " + (e.begin() - expected) + " bytes in the data section before tensor '"
                            + e.name() + "'");
                }
                expected = e.end();
                previous = e;
            }
            if (expected != dataLength) {
                throw fail((dataLength - expected) + " bytes after the last tensor are not covered by the header");
            }
        }

        private Object readData(long position, Entry e) throws IOException {
            int count = e.count();
            return switch (e.dtype()) {
                case F32 -> {
                    float[] a = new float[count];
                    readChunks(position, count, Float.BYTES, (c, off, n) -> c.asFloatBuffer().get(a, off, n));
                    yield a;
                }
                case I32 -> {
                    int[] a = new int[count];
                    readChunks(position, count, Integer.BYTES, (c, off, n) -> c.asIntBuffer().get(a, off, n));
                    yield a;
                }
                case I64 -> {
                    long[] a = new long[count];
                    readChunks(position, count, Long.BYTES, (c, off, n) -> c.asLongBuffer().get(a, off, n));
                    yield a;
                }
            };
        }

        private void readChunks(long position, int count, int elementBytes, ChunkSink sink) throws IOException {
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            int perChunk = CHUNK_BYTES / elementBytes;
            for (int done = 0; done < count; ) {
                int n = Math.min(count - done, perChunk);
                chunk.clear().limit(n * elementBytes);
                fill(chunk, position);
                chunk.flip();
                sink.accept(chunk, done, n);
                done += n;
                position += (long) n * elementBytes;
            }
        }

        private ByteBuffer readFully(long position, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            fill(buffer, position);
            return buffer.flip();
        }

        private void fill(ByteBuffer buffer, long position) throws IOException {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new EOFException("unexpected end of file at byte " + position);
                }
                position += n;
            }
        }

        private ModelStoreException fail(String problem) {
            return new ModelStoreException(file, problem);
        }
    }
}
