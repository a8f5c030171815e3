package org.convncf.trainer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.convncf.trainer.run.PairedTest;
import org.convncf.trainer.run.PerUserMetrics;
import org.convncf.trainer.run.ResultsTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Paired t-tests between models that ran in different invocations of {@code evaluate} or {@code tune}
 * on the same split: reads each model's {@code test-per-user.csv.gz} and refuses models whose
 * results.md describe different splits (same dataset, protocol and seed give the same split).
 */
@Command(name = "paired", mixinStandardHelpOptions = true,
        description = {"Paired t-tests on the test users between models of earlier runs on the same split.",
                "The first model directory is tested against each of the others, e.g.",
                "trainer paired docs/results/a/convncf-fism docs/results/b/mlp docs/results/b/itemknn"})
final class PairedCommand implements Callable<Integer> {

    @Parameters(arity = "2..*", paramLabel = "MODEL_DIR",
            description = "<run output>/<model> directories; the first is A, each other one a B.")
    List<Path> models;

    @Override
    public Integer call() throws IOException {
        String split = null;
        List<Map<String, double[]>> perUser = new ArrayList<>();
        for (Path dir : models) {
            String s = splitOf(dir);
            if (split != null && !split.equals(s)) {
                throw new IllegalArgumentException("not the same split:\n  " + models.get(0) + ": " + split + "\n  " + dir
                        + ": " + s);
            }
            split = s;
            Path file = dir.resolve(PerUserMetrics.FILE);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + " not found (written by evaluate/tune --out since the per-user"
                        + " metrics were added; older runs must be rerun)");
            }
            perUser.add(PerUserMetrics.read(file));
        }
        List<String> metrics = ResultsTable.pairedMetrics(perUser.get(0));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i < models.size(); i++) {
            List<String> row = new ArrayList<>(List.of(models.get(0).toString(), models.get(i).toString()));
            for (String metric : metrics) {
                double[] a = column(perUser.get(0), metric, models.get(0));
                double[] b = column(perUser.get(i), metric, models.get(i));
                if (a.length != b.length) {
                    throw new IllegalArgumentException(models.get(0) + " has " + a.length + " test users, " + models.get(i)
                            + " has " + b.length);
                }
                row.add(ResultsTable.cell(PairedTest.of(a, b)));
            }
            rows.add(row);
        }
        System.out.print(split + "\n\nPaired tests on the test users (two-sided paired t-test on per-user values; mean"
                + " difference A − B with its 95 % interval):\n\n" + ResultsTable.pairedTable(metrics, rows));
        return 0;
    }

    /** The "Split: ..." line of the results.md beside the model directory. */
    private static String splitOf(Path modelDir) throws IOException {
        Path results = modelDir.toAbsolutePath().normalize().resolveSibling("results.md");
        if (!Files.isRegularFile(results)) {
            throw new IllegalArgumentException(results + " not found: " + modelDir + " is not a model directory of a run's --out");
        }
        return ResultsTable.splitLine(results)
                .orElseThrow(() -> new IllegalArgumentException(results + " does not start with its split"));
    }

    private static double[] column(Map<String, double[]> perUser, String metric, Path dir) {
        double[] v = perUser.get(metric);
        if (v == null) {
            throw new IllegalArgumentException(dir.resolve(PerUserMetrics.FILE) + " has no " + metric + " (has "
                    + perUser.keySet() + ")");
        }
        return v;
    }
}
