package org.convncf.trainer.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.convncf.trainer.eval.EvalResult;
import org.convncf.trainer.eval.SplitInfo;

/**
 * Renders runs as Markdown: one row per model with the test metrics of the selected model; the
 * two-stage table when ConvNCF was evaluated as served; paired significance tests for the headline
 * comparisons (each ConvNCF variant against its shallow counterpart and the strongest other model);
 * under the sampled protocol, the same by popularity of the held-out item ({@link PopularityStrata}).
 */
public final class ResultsTable {

    private ResultsTable() {
    }

    /** The first line of every results.md: {@code SPLIT_LINE + split.describe()}. */
    public static final String SPLIT_LINE = "Split: ";

    /**
     * The "Split: ..." line a results.md starts with, or empty when the file is missing or starts
     * otherwise: runs on the same split have the same line.
     */
    public static Optional<String> splitLine(Path results) throws IOException {
        if (!Files.isRegularFile(results)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(results)) {
            return lines.findFirst().filter(l -> l.startsWith(SPLIT_LINE));
        }
    }

    public static String markdown(SplitInfo split, List<ModelRun> runs) {
        return markdown(split, runs, List.of());
    }

    public static String markdown(SplitInfo split, List<ModelRun> runs, List<TwoStageRun> twoStage) {
        Map<String, TwoStageRun> largestC = twoStage.stream().collect(Collectors.toMap(TwoStageRun::algorithm,
                Function.identity(), (a, b) -> a.candidates() >= b.candidates() ? a : b));
        Set<String> metrics = new LinkedHashSet<>();
        for (ModelRun r : runs) {
            metrics.addAll(r.test().metrics().keySet());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(SPLIT_LINE).append(split.describe()).append("\n\n");
        List<String> header = new ArrayList<>(List.of("model"));
        header.addAll(metrics);
        header.add("train s");
        row(sb, header);
        List<String> rule = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            rule.add(i == 0 ? "---" : "---:");
        }
        row(sb, rule);
        for (ModelRun r : runs) {
            TwoStageRun served = largestC.get(r.algorithm());
            List<String> cells = new ArrayList<>(List.of(served == null ? r.algorithm()
                    : r.algorithm() + " (two-stage: " + served.candidates() + " from " + served.retrieval() + ")"));
            for (String m : metrics) {
                Double v = r.test().metrics().get(m);
                cells.add(v == null ? "" : String.format(Locale.ROOT, "%.4f", v));
            }
            cells.add(String.format(Locale.ROOT, "%.1f", r.trainSeconds()));
            row(sb, cells);
        }
        boolean anyPaper = runs.stream().anyMatch(r -> r.paperStyleTest() != null);
        if (anyPaper) {
            sb.append("\nPaper-style test metrics (mean over the last ten evaluated epochs; not used for selection):\n\n");
            row(sb, header.subList(0, header.size() - 1));
            row(sb, rule.subList(0, rule.size() - 1));
            for (ModelRun r : runs) {
                EvalResult p = r.paperStyleTest();
                if (p == null) {
                    continue;
                }
                List<String> cells = new ArrayList<>(List.of(r.algorithm()));
                for (String m : metrics) {
                    Double v = p.metrics().get(m);
                    cells.add(v == null ? "" : String.format(Locale.ROOT, "%.4f", v));
                }
                row(sb, cells);
            }
        }
        twoStageTable(sb, runs, twoStage);
        significance(sb, runs);
        PopularityStrata.appendTo(sb, runs);
        return sb.toString();
    }

    private static void twoStageTable(StringBuilder sb, List<ModelRun> runs, List<TwoStageRun> twoStage) {
        if (twoStage.isEmpty()) {
            return;
        }
        sb.append(String.format(Locale.ROOT, "\nTwo-stage, as served: C candidates from the retrieval model (%.0f %% of them"
                + " the most popular items), re-ranked by the CNN. Candidate recall = share of a user's test items"
                + " among its C candidates (the re-ranker's ceiling); gain = re-ranked minus the retrieval model alone,"
                + " paired over test users:\n\n", 100 * twoStage.get(0).popularityShare()));
        row(sb, List.of("model", "retrieval", "C", "candidate recall", "Recall@20", "NDCG@20", "retrieval Recall@20",
                "retrieval NDCG@20", "gain Recall@20 (p)", "gain NDCG@20 (p)", "eval s"));
        row(sb, List.of("---", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"));
        for (TwoStageRun t : twoStage) {
            Optional<EvalResult> alone = find(runs, t.retrieval()).map(ModelRun::test);
            List<String> cells = new ArrayList<>(List.of(t.algorithm(), t.retrieval(), Integer.toString(t.candidates()),
                    f4(t.candidateRecall()), f4(t.test().metrics().get("Recall@20")), f4(t.test().metrics().get("NDCG@20"))));
            for (String m : List.of("Recall@20", "NDCG@20")) {
                cells.add(alone.map(e -> f4(e.metrics().get(m))).orElse(""));
            }
            for (String m : List.of("Recall@20", "NDCG@20")) {
                cells.add(alone.map(e -> gain(PairedTest.of(t.test().perUser().get(m), e.perUser().get(m)))).orElse(""));
            }
            cells.add(String.format(Locale.ROOT, "%.0f", t.test().seconds()));
            row(sb, cells);
        }
    }

    private static void significance(StringBuilder sb, List<ModelRun> runs) {
        if (runs.isEmpty()) {
            return;
        }
        List<String> metrics = pairedMetrics(runs.get(0).test().metrics());
        String key = metrics.get(1);
        List<ModelRun[]> pairs = new ArrayList<>();
        Comparator<ModelRun> byKey = Comparator.comparingDouble(r -> r.test().metrics().getOrDefault(key, Double.NEGATIVE_INFINITY));
        Optional<ModelRun> bestOther = runs.stream().filter(r -> !r.algorithm().startsWith("convncf-")).max(byKey);
        for (ModelRun r : runs) {
            if (!r.algorithm().startsWith("convncf-")) {
                continue;
            }
            Optional<ModelRun> counterpart = counterpart(runs, r);
            counterpart.ifPresent(c -> pairs.add(new ModelRun[] {r, c}));
            bestOther.filter(b -> counterpart.map(c -> c != b).orElse(true)).ifPresent(b -> pairs.add(new ModelRun[] {r, b}));
        }
        if (pairs.isEmpty()) {
            return;
        }
        sb.append("\nPaired tests on the test users (two-sided paired t-test on per-user values; mean difference"
                + " A − B with its 95 % interval; \"strongest other\" = the best non-ConvNCF model by test ")
                .append(key).append("):\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (ModelRun[] p : pairs) {
            List<String> cells = new ArrayList<>(List.of(p[0].algorithm(), p[1].algorithm()));
            for (String m : metrics) {
                cells.add(cell(PairedTest.of(p[0].test().perUser().get(m), p[1].test().perUser().get(m))));
            }
            rows.add(cells);
        }
        sb.append(pairedTable(metrics, rows));
    }

    /** The metrics a paired test reports: HR@10 and NDCG@10 (sampled protocol) or Recall@20 and NDCG@20. */
    public static List<String> pairedMetrics(Map<String, ?> metrics) {
        return metrics.containsKey("HR@10") ? List.of("HR@10", "NDCG@10") : List.of("Recall@20", "NDCG@20");
    }

    /** The table of paired tests: columns A, B and a {@link #cell} per metric. */
    public static String pairedTable(List<String> metrics, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("A", "B"));
        metrics.forEach(m -> header.add("Δ " + m + " [95 % CI], p"));
        row(sb, header);
        List<String> rule = new ArrayList<>(List.of("---", "---"));
        metrics.forEach(m -> rule.add("---:"));
        row(sb, rule);
        rows.forEach(r -> row(sb, r));
        return sb.toString();
    }

    /** The shallow model a ConvNCF variant is pre-trained from, when it ran too; empty for other models. */
    static Optional<ModelRun> counterpart(List<ModelRun> runs, ModelRun run) {
        return run.algorithm().startsWith("convncf-")
                ? find(runs, run.algorithm().substring("convncf-".length()))
                : Optional.empty();
    }

    private static Optional<ModelRun> find(List<ModelRun> runs, String algorithm) {
        return runs.stream().filter(r -> r.algorithm().equals(algorithm)).findFirst();
    }

    /** "+0.0123 [+0.0050, +0.0196], p = 0.0010": the mean difference, its 95 % interval and p; n/a without a test. */
    public static String cell(PairedTest t) {
        return t == null ? "n/a" : String.format(Locale.ROOT, "%+.4f [%+.4f, %+.4f], %s", t.meanDiff(), t.low(), t.high(),
                pValue(t.p()));
    }

    private static String gain(PairedTest t) {
        return t == null ? "n/a" : String.format(Locale.ROOT, "%+.4f (%s)", t.meanDiff(), pValue(t.p()));
    }

    static String pValue(double p) {
        return p < 1e-4 ? "p < 1e-4" : String.format(Locale.ROOT, "p = %.4f", p);
    }

    private static String f4(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    static void row(StringBuilder sb, List<String> cells) {
        sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
