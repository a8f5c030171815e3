package org.convncf.trainer.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.convncf.trainer.data.LoadedDataset;
import org.convncf.trainer.eval.Split;
import org.convncf.trainer.model.Algorithms;
import org.convncf.trainer.model.HyperParameters;
import org.convncf.trainer.run.Experiment;
import org.convncf.trainer.run.ResultsTable;
import org.convncf.trainer.run.RunOutputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Grid search on validation: every combination of the {@code --grid} values is trained, the one with
 * the best validation NDCG@10 is kept, and only that one is evaluated on the test split. With
 * {@code --out}, tuning.md is rewritten after every configuration, so a grid stopped part-way leaves
 * the rows it finished (marked as such) rather than nothing.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = {"Grid search on the validation split (NDCG@10); the test split is scored once, for the best"
                + " configuration.", "Prints one row per configuration and the selected model's test metrics."})
final class TuneCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Mixin
    ExperimentOptions experiment;

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "The model to tune.")
    String model;

    @Option(names = "--grid", required = true, paramLabel = "KEY=V1,V2,...",
            description = "Values to try for a hyper-parameter (repeat for several; the grid is their product).")
    List<String> grid;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Directory for tuning.md (rewritten after every configuration), each configuration's"
                    + " learning curve under trials/<key=value,...>/, results.md and the selected model's files.")
    Path out;

    @Override
    public Integer call() throws Exception {
        experiment.applyEngineSettings();
        var algorithm = Algorithms.byName(model);
        List<Map<String, String>> configurations = product(grid);
        var overrides = experiment.overrides();
        for (Map<String, String> c : configurations) {
            Map<String, String> merged = new LinkedHashMap<>(overrides.getOrDefault(model, Map.of()));
            merged.putAll(c);
            HyperParameters.bind(algorithm.defaults(), merged); // refuse bad values before any work
        }
        try (OutputDirectory created = OutputDirectory.prepare(out)) {
            return tune(configurations, overrides);
        }
    }

    private int tune(List<Map<String, String>> configurations, Map<String, Map<String, String>> overrides)
            throws IOException {
        LoadedDataset dataset = data.load();
        Split split = experiment.splitOptions().apply(dataset);
        System.err.println("Split: " + split.info().describe());
        try (Experiment run = new Experiment(split, experiment.seed, experiment.compute(), experiment.validationUsers,
                ConsoleProgress.detect(), overrides, experiment.paperStyle)) {
            experiment.importPretrained(run);
            // The last report is the finished table: tuning.md needs no second write.
            Experiment.Tuning tuning = run.tune(model, configurations,
                    (trials, best) -> writeTrial(split, trials, best, configurations.size()));
            System.out.print(table(model, tuning.trials(), tuning.best(), configurations.size()));
            String results = ResultsTable.markdown(split.info(), List.of(tuning.run()));
            System.out.print("\n" + results);
            if (out != null) {
                RunOutputs.write(out, split.info(), List.of(tuning.run()));
            }
        }
        return 0;
    }

    /** tuning.md so far, and the newest configuration's learning curve under {@code trials/<settings>/}. */
    private void writeTrial(Split split, List<Experiment.Trial> trials, int best, int planned) {
        if (out == null) {
            return;
        }
        Experiment.Trial newest = trials.get(trials.size() - 1);
        String settings = trialName(newest.settings());
        try {
            Files.writeString(out.resolve("tuning.md"), table(model, trials, best, planned));
            RunOutputs.writeHistory(out.resolve("trials").resolve(settings),
                    model + " " + settings + " on " + split.info().dataset(), newest.model().history());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tuning outputs under " + out, e);
        }
    }

    /** A configuration as a directory name: {@code key=value} pairs joined by commas, in grid order. */
    static String trialName(Map<String, String> settings) {
        return String.join(",", settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    /**
     * Validation metrics per configuration tried so far, the best one marked: "selected" once all
     * {@code planned} configurations are done, "best so far" before.
     */
    static String table(String model, List<Experiment.Trial> trials, int best, int planned) {
        boolean done = trials.size() == planned;
        StringBuilder sb = new StringBuilder("Grid search for " + model + " (" + (done ? planned + " configurations"
                : trials.size() + " of " + planned + " configurations so far; unfinished: no test score yet")
                + ", selected on validation NDCG@10):\n\n");
        sb.append("| configuration | validation HR@10 | validation NDCG@10 | epochs (selected) | train s | |\n");
        sb.append("|---|---:|---:|---:|---:|---|\n");
        for (int i = 0; i < trials.size(); i++) {
            Experiment.Trial t = trials.get(i);
            var history = t.model().history();
            String hr = t.validation().metrics().containsKey("HR@10") ? "HR@10" : "Recall@10";
            sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %s | %.1f | %s |%n", t.settings(),
                    t.validation().get(hr), t.validation().get("NDCG@10"),
                    history.epochs().isEmpty() ? "-" : history.epochs().size() + " (" + history.selectedEpoch() + ")",
                    t.trainSeconds(), i != best ? "" : done ? "selected" : "best so far"));
        }
        return sb.toString();
    }

    /** The cartesian product of {@code key=v1,v2} specs, in the order given. */
    static List<Map<String, String>> product(List<String> specs) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new IllegalArgumentException("--grid expects KEY=V1,V2,..., got '" + spec + "'");
            }
            String key = spec.substring(0, eq).trim();
            String[] values = spec.substring(eq + 1).split(",");
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String v : values) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(key, v.trim());
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }
}
