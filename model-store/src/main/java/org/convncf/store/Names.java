package org.convncf.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The naming rules of the store. Every name that becomes part of a path is checked here first, which
 * is also what keeps {@code ..}, separators and other surprises out of the file system.
 */
final class Names {

    static final String MANIFEST = "manifest.json";
    static final String TENSORS = "tensors.safetensors";
    static final String USERS = "users.txt";
    static final String ITEMS = "items.txt";

    /** Standard files every version holds, besides the manifest. */
    static final Set<String> STANDARD_FILES = Set.of(TENSORS, USERS, ITEMS);

    private static final Pattern MODEL = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern VERSION = Pattern.compile("\\d{8}T\\d{6}\\.\\d{3}Z-[0-9a-f]{6}");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Names() {}

    static boolean isModel(String name) {
        return name != null && MODEL.matcher(name).matches();
    }

    static boolean isVersion(String name) {
        return name != null && VERSION.matcher(name).matches();
    }

    static String requireModel(String name) {
        if (!isModel(name)) {
            throw new IllegalArgumentException(
                    "invalid model name '" + name + "': expected " + MODEL.pattern());
        }
        return name;
    }

    static String requireVersion(String name) {
        if (!isVersion(name)) {
            throw new IllegalArgumentException("invalid version name '" + name
                    + "': expected yyyyMMdd'T'HHmmss.SSS'Z'-<6 hex digits>, e.g. 20261126T103705.123Z-a1b2c3");
        }
        return name;
    }

    /**
     * Checks the name of a data file inside a version directory: simple (no separators, not
     * {@code .}/{@code ..}) and never {@code manifest.json}, in any letter case.
     */
    static String requireFileName(String name) {
        if (name == null || !FILE.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException(
                    "invalid file name '" + name + "': expected " + FILE.pattern() + ", not . or ..");
        }
        if (name.equalsIgnoreCase(MANIFEST)) {
            throw new IllegalArgumentException("'" + name + "' is reserved for the manifest");
        }
        return name;
    }

    /** Checks the name of an extra file: a valid file name that does not shadow a standard file. */
    static String requireExtraFileName(String name) {
        requireFileName(name);
        for (String standard : STANDARD_FILES) {
            if (name.equalsIgnoreCase(standard)) {
                throw new IllegalArgumentException("'" + name + "' is reserved for a standard file");
            }
        }
        return name;
    }

    /**
     * A new version name for {@code createdAt}: UTC time to the millisecond plus 24 random bits, so
     * names sort chronologically as strings and concurrent publishers do not collide in practice.
     */
    static String newVersion(Instant createdAt, RandomGenerator random) {
        String suffix = HexFormat.of().toHexDigits(random.nextInt(1 << 24)).substring(2);
        return VERSION_TIME.format(createdAt.truncatedTo(ChronoUnit.MILLIS)) + "-" + suffix;
    }
}
