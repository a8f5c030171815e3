package org.convncf.trainer.eval;

import java.util.Locale;

/**
 * What to do with a dataset's given test negatives that are in fact positives of their user. The
 * published NCF-format files (lastfm-deepcf among them) contain such pairs; ranking a user's own
 * item as a negative penalises the models that fit that user's history best.
 */
public enum GivenNegatives {

    /** Use the file as published, so results compare with papers that used it (the default). */
    AS_GIVEN("given"),

    /** Drop the colliding negatives: a user then has fewer than the given count (a diagnostic). */
    DROP_POSITIVES("given, own positives dropped");

    private final String source;

    GivenNegatives(String source) {
        this.source = source;
    }

    /** How a split's info names negatives chosen under this policy. */
    public String source() {
        return source;
    }

    /** {@code as-given} or {@code drop-positives}. */
    public static GivenNegatives parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "as-given" -> AS_GIVEN;
            case "drop-positives" -> DROP_POSITIVES;
            default -> throw new IllegalArgumentException(
                    "given negatives must be as-given or drop-positives, got '" + value + "'");
        };
    }
}
