package org.convncf.trainer.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metrics of one evaluation: means over users, plus the per-user values (for paired significance
 * tests between models evaluated on the same split).
 *
 * @param metrics  metric name (e.g. {@code HR@10}) → mean over evaluated users, in a stable order
 * @param perUser  metric name → value per evaluated user, in the evaluator's user order
 * @param users    number of users evaluated
 * @param pairs    number of (user, item) pairs scored
 * @param seconds  wall time of the evaluation
 * @param heldOutCounts training interactions of each evaluated user's held-out item, in the
 *                 evaluator's user order: how popular the item to be found was (sampled protocol, one
 *                 held-out item per user; empty under full ranking). For reporting metrics by item
 *                 popularity; it reveals counts, never which item was held out.
 */
public record EvalResult(Map<String, Double> metrics, Map<String, double[]> perUser, int users, long pairs,
        double seconds, int[] heldOutCounts) {

    public EvalResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        perUser = Collections.unmodifiableMap(new LinkedHashMap<>(perUser));
        if (heldOutCounts.length != 0 && heldOutCounts.length != users) {
            throw new IllegalArgumentException(heldOutCounts.length + " held-out counts for " + users + " users");
        }
    }

    /** A result without held-out popularity. */
    public EvalResult(Map<String, Double> metrics, Map<String, double[]> perUser, int users, long pairs, double seconds) {
        this(metrics, perUser, users, pairs, seconds, new int[0]);
    }

    public double get(String metric) {
        Double v = metrics.get(metric);
        if (v == null) {
            throw new IllegalArgumentException("no metric " + metric + " (have " + metrics.keySet() + ")");
        }
        return v;
    }

    /** "HR@10=0.6123 NDCG@10=0.3456 ..." for logs. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        metrics.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(String.format(java.util.Locale.ROOT, "%.4f", v)));
        return sb.toString();
    }
}
