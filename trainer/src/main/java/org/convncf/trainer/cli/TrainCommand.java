package org.convncf.trainer.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.convncf.store.Gate;
import org.convncf.store.ModelStore;
import org.convncf.trainer.data.LoadedDataset;
import org.convncf.trainer.eval.Split;
import org.convncf.trainer.run.Experiment;
import org.convncf.trainer.run.ModelPublisher;
import org.convncf.trainer.run.ModelRun;
import org.convncf.trainer.run.ResultsTable;
import org.convncf.trainer.run.RunOutputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains one model (and what it pre-trains from), evaluates it, and publishes it to the model store. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model, evaluate it on the split (validation for selection, test once),",
                "and publish it and its servable pre-training models to the model store."})
final class TrainCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Mixin
    ExperimentOptions experiment;

    @Option(names = "--model", required = true, paramLabel = "NAME",
            description = "The model to train. Available: ${COMPLETION-CANDIDATES}.",
            completionCandidates = EvaluateCommand.ModelNames.class)
    String model;

    @Option(names = "--store", required = true, paramLabel = "DIR", description = "The model store's root directory.")
    Path store;

    @Option(names = "--name", paramLabel = "NAME", description = "Publish under this model name (default: the model's).")
    String name;

    @Option(names = "--gate", paramLabel = "SECTION:METRIC",
            description = "Make the new version current only if this metric is not worse than the current"
                    + " version's, e.g. validation:NDCG@10. Default: always make it current.")
    String gate;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Directory for results.md and, per model, epochs.csv/json and learning-curve.png.")
    Path out;

    @Override
    public Integer call() throws Exception {
        experiment.applyEngineSettings();
        ModelPublisher.requireServable(model);
        Gate publishGate = parseGate(gate);
        var overrides = experiment.overrides();
        try (OutputDirectory created = OutputDirectory.prepare(out)) {
            return trainAndPublish(publishGate, overrides);
        }
    }

    private int trainAndPublish(Gate publishGate, Map<String, Map<String, String>> overrides) throws Exception {
        LoadedDataset dataset = data.load();
        Split split = experiment.splitOptions().apply(dataset);
        System.err.println("Split: " + split.info().describe());
        ModelStore modelStore = new ModelStore(store);
        ModelPublisher publisher = new ModelPublisher(modelStore);
        try (Experiment run = new Experiment(split, experiment.seed, experiment.compute(), experiment.validationUsers,
                ConsoleProgress.detect(), overrides, experiment.paperStyle)) {
            experiment.importPretrained(run);
            if (run.isImported(model)) {
                throw new IllegalArgumentException("--pretrained " + model + " reads the very model --model asks to train;"
                        + " nothing would be trained");
            }
            ModelRun main = run.run(model);
            List<ModelRun> runs = run.runs();
            System.out.print(ResultsTable.markdown(split.info(), runs));
            if (out != null) {
                RunOutputs.write(out, split.info(), runs, experiment.threads);
            }
            publisher.publishRuns(run, main, name != null ? name : model, publishGate, experiment.trainingFacts(dataset))
                    .forEach(p -> System.out.println(p.describe()));
        }
        return 0;
    }

    static Gate parseGate(String spec) {
        if (spec == null || spec.isBlank()) {
            return Gate.always();
        }
        int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("--gate expects SECTION:METRIC, e.g. validation:NDCG@10; got '" + spec + "'");
        }
        return Gate.notWorse(spec.substring(0, colon), spec.substring(colon + 1));
    }
}
