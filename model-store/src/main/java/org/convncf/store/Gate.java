package org.convncf.store;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Decides whether a newly published version replaces the current one. A version that is not accepted
 * stays in {@code versions/} (it can still be opened or made current with
 * {@link ModelStore#setCurrent(String, String)}); it just does not become current.
 *
 * <p>The store consults the gate only when there is a readable current version; the first version of
 * a model always becomes current.
 */
@FunctionalInterface
public interface Gate {

    /**
     * Judges {@code candidate} against the {@code current} version.
     *
     * @return whether the candidate becomes current, and why
     */
    Verdict judge(Manifest candidate, Manifest current);

    /** Every new version becomes current. */
    static Gate always() {
        return (candidate, current) -> Verdict.accept("every new version becomes current (gate: always)");
    }

    /**
     * A new version becomes current only if its metric {@code section}/{@code metric} is at least the
     * current version's. If the current version lacks the metric the new one is accepted; if only the
     * new version lacks it, it is refused.
     */
    static Gate notWorse(String section, String metric) {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(metric, "metric");
        String name = section + "/" + metric;
        return (candidate, current) -> {
            OptionalDouble old = current.metric(section, metric);
            if (old.isEmpty()) {
                return Verdict.accept("current version " + current.version() + " has no metric " + name);
            }
            OptionalDouble now = candidate.metric(section, metric);
            if (now.isEmpty()) {
                return Verdict.reject("the new version has no metric " + name + " to compare with "
                        + old.getAsDouble() + " of current version " + current.version());
            }
            double a = now.getAsDouble();
            double b = old.getAsDouble();
            return a >= b
                    ? Verdict.accept(name + " " + a + " >= " + b + " of current version " + current.version())
                    : Verdict.reject(name + " " + a + " < " + b + " of current version " + current.version());
        };
    }

    /**
     * The outcome of {@link #judge}.
     *
     * @param accepted whether the candidate becomes current
     * @param reason a human-readable explanation, for logs and results
     */
    record Verdict(boolean accepted, String reason) {

        /** Requires a reason. */
        public Verdict {
            Objects.requireNonNull(reason, "reason");
        }

        /** The candidate becomes current, because of {@code reason}. */
        public static Verdict accept(String reason) {
            return new Verdict(true, reason);
        }

        /** The candidate stays non-current, because of {@code reason}. */
        public static Verdict reject(String reason) {
            return new Verdict(false, reason);
        }
    }
}
