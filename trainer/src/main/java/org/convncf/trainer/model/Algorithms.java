package org.convncf.trainer.model;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.convncf.trainer.model.itempop.ItemPop;

/** The registry: every algorithm the trainer offers, one line each. */
public final class Algorithms {

    private static final List<Algorithm<?>> ALL = List.of(
            new ItemPop());

    private Algorithms() {
    }

    public static List<Algorithm<?>> all() {
        return ALL;
    }

    public static Algorithm<?> byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(a -> a.name().equals(n)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown model '" + name + "'; available: " + names()));
    }

    public static String names() {
        return ALL.stream().map(Algorithm::name).collect(Collectors.joining(", "));
    }
}
