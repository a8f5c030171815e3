package org.convncf.trainer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.convncf.trainer.data.LoadedDataset;
import org.convncf.trainer.eval.Protocol;
import org.convncf.trainer.eval.Split;
import org.convncf.trainer.eval.SplitInfo;
import org.convncf.trainer.model.Algorithms;
import org.convncf.trainer.run.Experiment;
import org.convncf.trainer.run.ModelRun;
import org.convncf.trainer.run.ResultsTable;
import org.convncf.trainer.run.RunOutputs;
import org.convncf.trainer.run.SeedSummary;
import org.convncf.trainer.run.TwoStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains one or more models on one split and prints their validation-selected test metrics. */
@Command(name = "evaluate", aliases = "compare", mixinStandardHelpOptions = true,
        description = {"Train models on one split and report test metrics of the validation-selected models.",
                "Prints a Markdown table; with --out, also writes it and learning curves to OUT."})
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Mixin
    ExperimentOptions experiment;

    @Option(names = {"--model", "--models"}, required = true, split = ",", paramLabel = "NAME",
            description = "Models to train, comma-separated. Available: ${COMPLETION-CANDIDATES}.",
            completionCandidates = ModelNames.class)
    List<String> models;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Directory for results.md and, per model, epochs.csv/json and learning-curve.png.")
    Path out;

    @Option(names = "--two-stage", split = ",", paramLabel = "C",
            description = "Full ranking: evaluate ConvNCF models as the service runs them, C candidates from their"
                    + " shallow pre-training model re-ranked by the CNN, at each C given (validation uses the largest),"
                    + " e.g. --two-stage 100,500,1000. Without it the CNN scores every item.")
    int[] twoStage;

    @Option(names = "--candidates-from", paramLabel = "MODEL",
            description = "Two-stage: generate the candidates with this model (trained in the same run, e.g. rp3b)"
                    + " instead of each ConvNCF model's pre-training model, which is what the service does; measures"
                    + " what another first stage would give the re-ranker.")
    String candidatesFrom;

    @Option(names = "--popularity-share", defaultValue = "0.1", paramLabel = "F",
            description = "Two-stage: fraction of the C candidates taken from the most popular items (the service's"
                    + " convncf.recommend.popularity-share). Default: ${DEFAULT-VALUE}.")
    double popularityShare;

    @Option(names = "--seeds", split = ",", paramLabel = "SEED",
            description = "Repeat the whole experiment (split and training) once per seed, e.g. --seeds 1,2,3: each"
                    + " seed's outputs go to OUT/seed-N, and a table of mean ± standard deviation over the seeds is"
                    + " printed (and written to OUT/results.md). Replaces --seed.")
    long[] seeds;

    /** The two-stage configuration of the options, or null. */
    private TwoStage served;

    @Override
    public Integer call() throws Exception {
        for (String m : models) {
            Algorithms.byName(m); // fail fast on a typo
        }
        if (candidatesFrom != null && twoStage == null) {
            throw new IllegalArgumentException("--candidates-from names the first stage of --two-stage; give --two-stage"
                    + " too");
        }
        served = twoStage == null ? null : new TwoStage(twoStage, popularityShare, candidatesFrom);
        experiment.applyEngineSettings();
        try (OutputDirectory created = OutputDirectory.prepare(out)) {
            return evaluate();
        }
    }

    private int evaluate() throws IOException {
        LoadedDataset dataset = data.load();
        if (seeds == null || seeds.length == 0) {
            System.out.print(runOnce(dataset, experiment.seed, out).table());
            return 0;
        }
        SeedSummary summary = new SeedSummary();
        for (long seed : seeds) {
            Outcome outcome = runOnce(dataset, seed, out == null ? null : out.resolve("seed-" + seed));
            summary.add(seed, outcome.split(), outcome.runs());
            if (out != null) {
                Files.writeString(out.resolve("results.md"), summary.markdown() + RunOutputs.producedBy(experiment.threads));
            }
        }
        System.out.print(summary.markdown() + RunOutputs.producedBy(experiment.threads));
        return 0;
    }

    private record Outcome(SplitInfo split, List<ModelRun> runs, String table) {
    }

    /** Every model on the split of {@code seed}; writes OUT after each model; the runs' models are closed. */
    private Outcome runOnce(LoadedDataset dataset, long seed, Path dir) throws IOException {
        Split split = experiment.splitOptions(seed).apply(dataset);
        System.err.println("Split: " + split.info().describe());
        if (served != null && split.protocol() != Protocol.FULL_RANKING) {
            throw new IllegalArgumentException("--two-stage needs --protocol full-ranking (the sampled protocol gives the"
                    + " candidates)");
        }
        try (Experiment run = new Experiment(split, seed, experiment.compute(), experiment.validationUsers,
                ConsoleProgress.detect(), experiment.overrides(), experiment.paperStyle)) {
            if (served != null) {
                run.withTwoStage(served);
            }
            experiment.importPretrained(run);
            List<ModelRun> runs = new ArrayList<>();
            for (String m : models) {
                ModelRun done = run.run(m);
                runs.add(done);
                if (dir != null) {
                    // After every model: hours of work survive an interrupted run.
                    RunOutputs.writeTable(dir, split.info(), runs, run.twoStageRuns(), experiment.threads);
                    RunOutputs.writeModel(dir, split.info(), done);
                }
            }
            return new Outcome(split.info(), runs, ResultsTable.markdown(split.info(), runs, run.twoStageRuns()));
        }
    }

    /** Completion candidates: the registry's names. */
    static final class ModelNames extends ArrayList<String> {
        ModelNames() {
            super(Algorithms.all().stream().map(a -> a.name()).toList());
        }
    }
}
