package org.convncf.store;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * The {@code manifest.json} of a model version: what was trained, how, how well, and the size and
 * SHA-256 of every other file of the version.
 *
 * <p>The free-form sections ({@code hyperParameters}, {@code architecture}, {@code split},
 * {@code training}, {@code engine}) hold JSON-compatible values (String, Number, Boolean, null, Map,
 * List) and keep their insertion order. All maps are deep, unmodifiable copies.
 *
 * @param formatVersion always {@link #FORMAT_VERSION}; readers refuse other values
 * @param model the model name, equal to the model directory's name
 * @param version the version name, equal to the version directory's name
 * @param createdAt when the version was created (millisecond precision, the time in its name)
 * @param type the model family, e.g. {@code "convncf"}
 * @param variant the variant within the family, e.g. {@code "svdpp"}
 * @param hyperParameters training hyper-parameters
 * @param architecture what inference needs to rebuild the network (sizes, layer counts)
 * @param split the evaluation protocol: dataset fingerprint, seed, sizes, negatives
 * @param metrics metric values by section ({@code "validation"}, {@code "test"}) and name ({@code "HR@10"})
 * @param training how training ran: seconds, epochs, device, threads, seed
 * @param engine the DJL version and engine that produced the tensors
 * @param files every file of the version except {@code manifest.json}, by name
 */
public record Manifest(
        int formatVersion,
        String model,
        String version,
        Instant createdAt,
        String type,
        String variant,
        Map<String, Object> hyperParameters,
        Map<String, Object> architecture,
        Map<String, Object> split,
        Map<String, Map<String, Double>> metrics,
        Map<String, Object> training,
        Map<String, Object> engine,
        Map<String, FileEntry> files) {

    /** The artifact format this code reads and writes. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Validates and freezes every field.
     *
     * @throws IllegalArgumentException if a field is missing or invalid
     */
    public Manifest {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException(unsupportedFormat(formatVersion));
        }
        Names.requireModel(model);
        Names.requireVersion(version);
        Objects.requireNonNull(createdAt, "createdAt is required");
        type = requireText(type, "type");
        variant = requireText(variant, "variant");
        hyperParameters = JsonValues.freezeObject(hyperParameters, "hyperParameters");
        architecture = JsonValues.freezeObject(architecture, "architecture");
        split = JsonValues.freezeObject(split, "split");
        metrics = freezeMetrics(metrics);
        training = JsonValues.freezeObject(training, "training");
        engine = JsonValues.freezeObject(engine, "engine");
        files = freezeFiles(files);
    }

    /** The message readers give for a format version they cannot read. */
    static String unsupportedFormat(Object formatVersion) {
        return "unsupported formatVersion " + formatVersion + " (this reader supports formatVersion "
                + FORMAT_VERSION + " only)";
    }

    /** The value of metric {@code name} in {@code section}, e.g. {@code metric("validation", "HR@10")}. */
    public OptionalDouble metric(String section, String name) {
        Map<String, Double> values = metrics.get(section);
        Double value = values == null ? null : values.get(name);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** The size and checksum of file {@code name}, if the version has that file. */
    public Optional<FileEntry> file(String name) {
        return Optional.ofNullable(files.get(name));
    }

    /**
     * The size and SHA-256 of one file of a version.
     *
     * @param sha256 64 lowercase hex digits
     * @param bytes the size in bytes
     */
    public record FileEntry(String sha256, long bytes) {

        private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

        public FileEntry {
            if (sha256 == null || !SHA256.matcher(sha256).matches()) {
                throw new IllegalArgumentException("sha256 '" + sha256 + "' is not 64 lowercase hex digits");
            }
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes " + bytes + " is negative");
            }
        }
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    private static Map<String, Map<String, Double>> freezeMetrics(Map<String, Map<String, Double>> metrics) {
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        if (metrics != null) {
            metrics.forEach((section, values) -> {
                Objects.requireNonNull(section, "metric section name");
                if (values == null) {
                    throw new IllegalArgumentException("metrics." + section + " is null");
                }
                Map<String, Double> sectionCopy = new LinkedHashMap<>();
                values.forEach((name, value) -> {
                    if (name == null || value == null || !Double.isFinite(value)) {
                        throw new IllegalArgumentException(
                                "metrics." + section + "." + name + " = " + value + " is not a finite number");
                    }
                    sectionCopy.put(name, value);
                });
                copy.put(section, Collections.unmodifiableMap(sectionCopy));
            });
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Map<String, FileEntry> freezeFiles(Map<String, FileEntry> files) {
        if (files == null) {
            throw new IllegalArgumentException("files is required");
        }
        Map<String, FileEntry> copy = new LinkedHashMap<>();
        files.forEach((name, entry) -> {
            Names.requireFileName(name);
            if (entry == null) {
                throw new IllegalArgumentException("files." + name + " is null");
            }
            copy.put(name, entry);
        });
        return Collections.unmodifiableMap(copy);
    }
}
