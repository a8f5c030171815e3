package org.convncf.trainer.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import org.convncf.trainer.eval.EvalResult;

/**
 * Metrics by the popularity of the held-out item (its training interactions), sampled protocol only.
 * It answers "did a model win or lose because of which items were held out?": users fall into three
 * strata at the test users' tertiles of that count, and validation users are placed by the same
 * boundaries, so a shift in popularity between validation and test shows as a shift in the strata's
 * sizes, and a model's gain within a stratum can be compared across the two.
 */
final class PopularityStrata {

    static final String METRIC = "NDCG@10";

    /** Upper bounds of the first two strata (inclusive); the third is everything above. */
    private final int low;
    private final int mid;

    private PopularityStrata(int low, int mid) {
        this.low = low;
        this.mid = mid;
    }

    /** Boundaries at the tertiles of {@code counts}; empty when there are no counts. */
    static Optional<PopularityStrata> ofTertiles(int[] counts) {
        if (counts.length == 0) {
            return Optional.empty();
        }
        int[] sorted = counts.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return Optional.of(new PopularityStrata(sorted[(n - 1) / 3], sorted[(2 * n - 1) / 3]));
    }

    /** 0, 1 or 2. */
    int stratum(int count) {
        return count <= low ? 0 : count <= mid ? 1 : 2;
    }

    List<String> labels() {
        String second = mid == low ? "(empty)" : mid == low + 1 ? Integer.toString(mid) : (low + 1) + "–" + mid;
        return List.of("≤ " + low, second, "> " + mid);
    }

    int[] sizes(int[] counts) {
        int[] n = new int[3];
        for (int c : counts) {
            n[stratum(c)]++;
        }
        return n;
    }

    /** Per-user values of one stratum, in user order (paired across models evaluated on the same users). */
    double[] select(double[] values, int[] counts, int stratum) {
        return IntStream.range(0, counts.length).filter(u -> stratum(counts[u]) == stratum)
                .mapToDouble(u -> values[u]).toArray();
    }

    /**
     * Appends the section: strata sizes, {@value #METRIC} per stratum on validation and test for every
     * model, and each ConvNCF variant's paired difference to its shallow counterpart per stratum.
     */
    static void appendTo(StringBuilder sb, List<ModelRun> runs) {
        if (runs.isEmpty() || runs.get(0).test().perUser().get(METRIC) == null) {
            return;
        }
        int[] testCounts = runs.get(0).test().heldOutCounts();
        Optional<PopularityStrata> maybe = ofTertiles(testCounts);
        if (maybe.isEmpty()) {
            return;
        }
        PopularityStrata strata = maybe.get();
        List<String> labels = strata.labels();
        int[] testSizes = strata.sizes(testCounts);
        Optional<int[]> validationCounts = runs.stream().map(ModelRun::validation)
                .filter(v -> v != null && v.heldOutCounts().length > 0).map(EvalResult::heldOutCounts).findFirst();
        sb.append("\nBy popularity of the held-out item (its training interactions), strata at the test users' tertiles: ")
                .append(String.join(", ", labels)).append(". Users per stratum: test ").append(sizesText(testSizes));
        validationCounts.ifPresent(c -> sb.append("; validation (the users selection saw) ")
                .append(sizesText(strata.sizes(c))));
        sb.append(".\n\n");
        List<String> header = new ArrayList<>(List.of("model"));
        labels.forEach(l -> header.add("validation " + METRIC + " " + l));
        labels.forEach(l -> header.add("test " + METRIC + " " + l));
        ResultsTable.row(sb, header);
        ResultsTable.row(sb, rule(header.size(), 1));
        for (ModelRun r : runs) {
            List<String> cells = new ArrayList<>(List.of(r.algorithm()));
            cells.addAll(strata.means(r.validation()));
            cells.addAll(strata.means(r.test()));
            ResultsTable.row(sb, cells);
        }
        List<ModelRun[]> pairs = new ArrayList<>();
        for (ModelRun r : runs) {
            ResultsTable.counterpart(runs, r).ifPresent(c -> pairs.add(new ModelRun[] {r, c}));
        }
        if (pairs.isEmpty()) {
            return;
        }
        sb.append("\nPaired Δ ").append(METRIC).append(" (A − B) per stratum, with its two-sided p:\n\n");
        List<String> pairHeader = new ArrayList<>(List.of("A", "B", "set"));
        pairHeader.addAll(labels);
        ResultsTable.row(sb, pairHeader);
        ResultsTable.row(sb, rule(pairHeader.size(), 3));
        for (ModelRun[] p : pairs) {
            for (boolean test : new boolean[] {false, true}) {
                List<String> cells = new ArrayList<>(List.of(p[0].algorithm(), p[1].algorithm(), test ? "test" : "validation"));
                for (int s = 0; s < 3; s++) {
                    cells.add(strata.difference(test ? p[0].test() : p[0].validation(),
                            test ? p[1].test() : p[1].validation(), s));
                }
                ResultsTable.row(sb, cells);
            }
        }
    }

    /** Mean of {@value #METRIC} per stratum; blank cells when the result has no held-out counts. */
    private List<String> means(EvalResult r) {
        if (r == null || r.heldOutCounts().length == 0 || r.perUser().get(METRIC) == null) {
            return List.of("", "", "");
        }
        List<String> cells = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            double[] v = select(r.perUser().get(METRIC), r.heldOutCounts(), s);
            cells.add(v.length == 0 ? "–" : String.format(Locale.ROOT, "%.4f", Arrays.stream(v).average().orElseThrow()));
        }
        return cells;
    }

    private String difference(EvalResult a, EvalResult b, int stratum) {
        if (a == null || b == null || a.heldOutCounts().length == 0 || !Arrays.equals(a.heldOutCounts(), b.heldOutCounts())) {
            return "n/a";
        }
        PairedTest t = PairedTest.of(select(a.perUser().get(METRIC), a.heldOutCounts(), stratum),
                select(b.perUser().get(METRIC), b.heldOutCounts(), stratum));
        return t == null ? "n/a" : String.format(Locale.ROOT, "%+.4f (%s)", t.meanDiff(), ResultsTable.pValue(t.p()));
    }

    private static String sizesText(int[] sizes) {
        return sizes[0] + " / " + sizes[1] + " / " + sizes[2];
    }

    private static List<String> rule(int columns, int leftAligned) {
        List<String> rule = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            rule.add(i < leftAligned ? "---" : "---:");
        }
        return rule;
    }
}
