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
import java.util.Optional;
import java.util.concurrent.Callable;
import org.convncf.store.Gate;
import org.convncf.store.ModelStore;
import org.convncf.trainer.data.LoadedDataset;
import org.convncf.trainer.eval.Split;
import org.convncf.trainer.model.Algorithms;
import org.convncf.trainer.model.HyperParameters;
import org.convncf.trainer.model.TrainingHistory;
import org.convncf.trainer.run.Experiment;
import org.convncf.trainer.run.LearningCurves;
import org.convncf.trainer.run.ModelPublisher;
import org.convncf.trainer.run.ResultsTable;
import org.convncf.trainer.run.RunOutputs;
import org.convncf.trainer.run.TrialRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Grid search on validation: every combination of the {@code --grid} values is trained, the one with
 * the best validation NDCG@10 is kept, and only that one is evaluated on the test split. With
 * {@code --out}, tuning.md is rewritten after every configuration, so a grid stopped part-way leaves
 * the rows it finished (marked as such) rather than nothing, and every finished configuration's
 * trial record, from which {@code --resume} continues the grid without training them again. With
 * {@code --store}, the selected model is published as {@code train} would publish it.
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

    @Option(names = "--resume",
            description = "Continue a grid this command ran before into the same --out: configurations it finished"
                    + " (trials/<key=value,...>/trial.properties) are not trained again, provided the data, split,"
                    + " seed, validation users, hyper-parameters and stored models are the same (the thread count may"
                    + " differ). The selected configuration is trained again if an earlier run finished it, to score"
                    + " it on test.")
    boolean resume;

    @Option(names = "--store", paramLabel = "DIR",
            description = "Publish the selected configuration's model (and the servable models it pre-trained from, if"
                    + " trained here) to this model store, as train does: tuned, it can be served or pre-trained from"
                    + " (--pretrained) without training it again.")
    Path store;

    @Option(names = "--name", paramLabel = "NAME",
            description = "With --store: publish the selected model under this name (default: the model's).")
    String name;

    @Option(names = "--gate", paramLabel = "SECTION:METRIC",
            description = "With --store: make the new version current only if this metric is not worse than the current"
                    + " version's, e.g. validation:NDCG@10. Default: always make it current.")
    String gate;

    @Override
    public Integer call() throws Exception {
        if (resume && out == null) {
            throw new IllegalArgumentException("--resume needs the --out directory of the run to continue");
        }
        if (store == null && (name != null || gate != null)) {
            throw new IllegalArgumentException("--name and --gate say how to publish the selected model; give --store too");
        }
        Gate publishGate = TrainCommand.parseGate(gate);
        experiment.applyEngineSettings();
        if (store != null) {
            ModelPublisher.requireServable(model);
        }
        var algorithm = Algorithms.byName(model);
        List<Map<String, String>> configurations = product(grid);
        var overrides = experiment.overrides();
        for (Map<String, String> c : configurations) {
            Map<String, String> merged = new LinkedHashMap<>(overrides.getOrDefault(model, Map.of()));
            merged.putAll(c);
            HyperParameters.bind(algorithm.defaults(), merged); // refuse bad values before any work
        }
        try (OutputDirectory created = OutputDirectory.prepare(out)) {
            return tune(configurations, overrides, publishGate);
        }
    }

    private int tune(List<Map<String, String>> configurations, Map<String, Map<String, String>> overrides,
            Gate publishGate) throws IOException {
        LoadedDataset dataset = data.load();
        Split split = experiment.splitOptions().apply(dataset);
        System.err.println("Split: " + split.info().describe());
        try (Experiment run = new Experiment(split, experiment.seed, experiment.compute(), experiment.validationUsers,
                ConsoleProgress.detect(), overrides, experiment.paperStyle)) {
            experiment.importPretrained(run);
            Map<Map<String, String>, Experiment.Trial> finished = resume ? finished(run, configurations) : Map.of();
            Experiment.Tuning tuning = run.tune(model, configurations, finished,
                    (trials, best) -> writeTrial(run, split, trials, best, configurations.size()));
            String table = table(model, tuning.trials(), tuning.best(), configurations.size());
            System.out.print(table);
            String results = ResultsTable.markdown(split.info(), List.of(tuning.run()));
            System.out.print("\n" + results);
            if (out != null) {
                // Written again: a resumed grid's selected configuration may have been trained again.
                Files.writeString(out.resolve("tuning.md"), table);
                RunOutputs.write(out, split.info(), List.of(tuning.run()), experiment.threads);
            }
            if (store != null) {
                Map<String, Object> facts = experiment.trainingFacts(dataset);
                facts.put("tuning", "selected on validation NDCG@10 from " + configurations.size() + " configurations: "
                        + String.join(" × ", grid));
                new ModelPublisher(new ModelStore(store)).publishRuns(run, tuning.run(), name != null ? name : model,
                        publishGate, facts).forEach(p -> System.out.println(p.describe()));
            }
        }
        return 0;
    }

    /**
     * The configurations of the grid that an earlier run into {@code --out} finished, read back from
     * their trial records; a record made under another context (data, split, seed, settings) is refused.
     */
    private Map<Map<String, String>, Experiment.Trial> finished(Experiment run, List<Map<String, String>> configurations)
            throws IOException {
        Map<Map<String, String>, Experiment.Trial> finished = new LinkedHashMap<>();
        for (Map<String, String> c : configurations) {
            Path dir = trialDirectory(c);
            Optional<TrialRecord> record = TrialRecord.read(dir);
            if (record.isEmpty()) {
                continue;
            }
            Map<String, String> here = run.trialContext(model, c);
            List<String> differences = record.get().differencesFrom(here);
            if (!differences.isEmpty()) {
                throw new IllegalArgumentException("cannot resume: " + dir + " was tuned under other conditions ("
                        + String.join("; ", differences) + "); give another --out, or leave out --resume to start over");
            }
            List<String> elsewhere = record.get().provenanceDifferencesFrom(TrialRecord.provenance(experiment.threads, ""));
            if (!elsewhere.isEmpty()) {
                System.err.println("warning: " + dir + " was trained by another build or machine ("
                        + String.join("; ", elsewhere) + "); its figures stand as recorded, but the configurations"
                        + " trained now may differ in their last digits, or more where the code changed");
            }
            Path curve = dir.resolve("epochs.csv");
            TrainingHistory history = Files.exists(curve) ? LearningCurves.readCsv(curve) : TrainingHistory.NONE;
            finished.put(c, new Experiment.Trial(c, null, history, record.get().validationResult(),
                    record.get().trainSeconds()));
        }
        System.err.println("Resuming: " + finished.size() + " of " + configurations.size()
                + " configurations finished by an earlier run into " + out);
        return finished;
    }

    private Path trialDirectory(Map<String, String> settings) {
        return out.resolve("trials").resolve(trialName(settings));
    }

    /**
     * tuning.md so far, and the newest configuration's learning curve and trial record under
     * {@code trials/<settings>/} (the record last: it marks the configuration finished).
     */
    private void writeTrial(Experiment run, Split split, List<Experiment.Trial> trials, int best, int planned) {
        if (out == null) {
            return;
        }
        Experiment.Trial newest = trials.get(trials.size() - 1);
        Path dir = trialDirectory(newest.settings());
        try {
            Files.writeString(out.resolve("tuning.md"), table(model, trials, best, planned));
            RunOutputs.writeHistory(dir, model + " " + trialName(newest.settings()) + " on " + split.info().dataset(),
                    newest.history());
            TrialRecord.of(run.trialContext(model, newest.settings()), newest.validation(), newest.trainSeconds(),
                    TrialRecord.provenance(experiment.threads, newest.history().kernel())).write(dir);
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
            var history = t.history();
            String hr = t.validation().metrics().containsKey("HR@10") ? "HR@10" : "Recall@10";
            sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %s | %.1f | %s |%n", t.settings(),
                    t.validation().get(hr), t.validation().get("NDCG@10"),
                    history.epochs().isEmpty() ? "-" : history.epochs().size() + " (" + history.selectedEpoch() + ")",
                    t.trainSeconds(), (i != best ? "" : done ? "selected" : "best so far")
                            + (t.resumed() ? (i == best ? ", " : "") + "from an earlier run" : "")));
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
