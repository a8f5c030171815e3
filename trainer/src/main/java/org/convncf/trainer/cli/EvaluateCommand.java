package org.convncf.trainer.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.convncf.trainer.data.LoadedDataset;
import org.convncf.trainer.eval.Split;
import org.convncf.trainer.model.Algorithms;
import org.convncf.trainer.run.Experiment;
import org.convncf.trainer.run.ResultsTable;
import org.convncf.trainer.run.RunOutputs;
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

    @Override
    public Integer call() throws Exception {
        for (String m : models) {
            Algorithms.byName(m); // fail fast on a typo
        }
        experiment.applyEngineSettings();
        var overrides = experiment.overrides();
        LoadedDataset dataset = data.load();
        Split split = experiment.splitOptions().apply(dataset);
        System.err.println("Split: " + split.info().describe());
        try (Experiment run = new Experiment(split, experiment.seed, experiment.compute(), experiment.validationUsers,
                ConsoleProgress.detect(), overrides, experiment.paperStyle)) {
            List<org.convncf.trainer.run.ModelRun> runs = new ArrayList<>();
            for (String m : models) {
                runs.add(run.run(m));
            }
            String table = ResultsTable.markdown(split.info(), runs);
            System.out.print(table);
            if (out != null) {
                RunOutputs.write(out, split.info(), runs);
            }
        }
        return 0;
    }

    /** Completion candidates: the registry's names. */
    static final class ModelNames extends ArrayList<String> {
        ModelNames() {
            super(Algorithms.all().stream().map(a -> a.name()).toList());
        }
    }
}
