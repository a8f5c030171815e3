package org.convncf.trainer.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.convncf.trainer.eval.SplitInfo;

/**
 * Test metrics of the same experiment repeated with several seeds (each seed draws its own split
 * randomness and training randomness): mean ± sample standard deviation per model and metric, and
 * per ConvNCF variant in how many seeds it beat its shallow counterpart.
 */
public final class SeedSummary {

    private final List<Long> seeds = new ArrayList<>();
    private final List<String> splits = new ArrayList<>();
    /** model → per seed: metric → value, plus "train s". */
    private final Map<String, List<Map<String, Double>>> values = new LinkedHashMap<>();

    /** Adds one seed's runs (metrics are copied; the runs' models may be closed afterwards). */
    public void add(long seed, SplitInfo split, List<ModelRun> runs) {
        seeds.add(seed);
        splits.add(split.describe());
        for (ModelRun r : runs) {
            Map<String, Double> m = new LinkedHashMap<>(r.test().metrics());
            m.put("train s", r.trainSeconds());
            values.computeIfAbsent(r.algorithm(), k -> new ArrayList<>()).add(m);
        }
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("Seeds: ").append(seeds).append(" (each seed: its own split randomness and training randomness)\n\n");
        for (int i = 0; i < seeds.size(); i++) {
            sb.append("- seed ").append(seeds.get(i)).append(": ").append(splits.get(i)).append('\n');
        }
        Set<String> metrics = new LinkedHashSet<>();
        values.values().forEach(perSeed -> perSeed.forEach(m -> metrics.addAll(m.keySet())));
        metrics.remove("train s");
        metrics.add("train s");
        sb.append("\nTest, mean ± standard deviation over seeds (n = seeds the model completed):\n\n");
        List<String> header = new ArrayList<>(List.of("model", "n"));
        header.addAll(metrics);
        row(sb, header);
        List<String> rule = new ArrayList<>(List.of("---", "---:"));
        metrics.forEach(m -> rule.add("---:"));
        row(sb, rule);
        values.forEach((model, perSeed) -> {
            List<String> cells = new ArrayList<>(List.of(model, Integer.toString(perSeed.size())));
            for (String m : metrics) {
                double[] v = perSeed.stream().filter(s -> s.containsKey(m)).mapToDouble(s -> s.get(m)).toArray();
                cells.add(v.length == 0 ? "" : meanStd(v, m.equals("train s") ? "%.1f" : "%.4f"));
            }
            row(sb, cells);
        });
        String key = metrics.contains("NDCG@10") ? "NDCG@10" : "NDCG@20";
        List<String> wins = new ArrayList<>();
        values.forEach((model, perSeed) -> {
            List<Map<String, Double>> counterpart = values.get(model.startsWith("convncf-") ? model.substring(8) : "");
            if (counterpart == null) {
                return;
            }
            int n = Math.min(perSeed.size(), counterpart.size());
            int better = 0;
            for (int i = 0; i < n; i++) {
                if (perSeed.get(i).get(key) > counterpart.get(i).get(key)) {
                    better++;
                }
            }
            wins.add(String.format(Locale.ROOT, "%s beats %s on test %s in %d of %d seeds", model, model.substring(8), key,
                    better, n));
        });
        if (!wins.isEmpty()) {
            sb.append('\n');
            wins.forEach(w -> sb.append("- ").append(w).append('\n'));
        }
        return sb.toString();
    }

    static String meanStd(double[] v, String format) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        if (v.length < 2) {
            return String.format(Locale.ROOT, format, mean);
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return String.format(Locale.ROOT, format + " ± " + format, mean, Math.sqrt(ss / (v.length - 1)));
    }

    private static void row(StringBuilder sb, List<String> cells) {
        sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
