package org.convncf.trainer.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.convncf.trainer.eval.EvalResult;
import org.convncf.trainer.eval.SplitInfo;

/** Renders runs as a Markdown table: one row per model, test metrics of the selected model. */
public final class ResultsTable {

    private ResultsTable() {
    }

    public static String markdown(SplitInfo split, List<ModelRun> runs) {
        Set<String> metrics = new LinkedHashSet<>();
        for (ModelRun r : runs) {
            metrics.addAll(r.test().metrics().keySet());
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Split: ").append(split.describe()).append("\n\n");
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
            List<String> cells = new ArrayList<>(List.of(r.algorithm()));
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
        return sb.toString();
    }

    private static void row(StringBuilder sb, List<String> cells) {
        sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
