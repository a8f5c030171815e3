package org.convncf.trainer.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convncf.trainer.eval.EvalResult;
import org.convncf.trainer.eval.Split;
import org.convncf.trainer.model.Algorithm;
import org.convncf.trainer.model.Algorithms;
import org.convncf.trainer.model.ComputeSettings;
import org.convncf.trainer.model.Model;
import org.convncf.trainer.model.TrainingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains algorithms on one split and evaluates them the protocol's way: model selection sees only
 * validation metrics; the test split is scored once, for the selected model.
 *
 * <p>Algorithms that pre-train from a shallow counterpart get it from this experiment: trained on
 * the same split on first request (or taken from an earlier run of the same experiment).
 */
public final class Experiment implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Experiment.class);

    private final Split split;
    private final long seed;
    private final ComputeSettings compute;
    private final int validationUsers;
    private final TrainingContext.ProgressListener progress;
    private final Map<String, Map<String, String>> overrides;
    private final boolean paperStyle;
    private final Map<String, ModelRun> runs = new LinkedHashMap<>();

    /**
     * @param validationUsers per-epoch validation uses at most this many users (0 = all)
     * @param overrides       hyper-parameter overrides per algorithm name (also applied to algorithms
     *                        trained as pre-training dependencies)
     * @param paperStyle      also report test metrics as the mean over the last ten validated epochs
     *                        (costs one test evaluation per kept epoch)
     */
    public Experiment(Split split, long seed, ComputeSettings compute, int validationUsers,
            TrainingContext.ProgressListener progress, Map<String, Map<String, String>> overrides, boolean paperStyle) {
        this.split = split;
        this.seed = seed;
        this.compute = compute;
        this.validationUsers = validationUsers;
        this.progress = progress;
        this.overrides = overrides;
        this.paperStyle = paperStyle;
    }

    /** An experiment that also reports paper-style test metrics. */
    public Experiment(Split split, long seed, ComputeSettings compute, int validationUsers,
            TrainingContext.ProgressListener progress, Map<String, Map<String, String>> overrides) {
        this(split, seed, compute, validationUsers, progress, overrides, true);
    }

    public Split split() {
        return split;
    }

    /** Trains and evaluates {@code name} (once; a second call returns the first run). */
    public ModelRun run(String name) {
        ModelRun existing = runs.get(name);
        if (existing != null) {
            return existing;
        }
        Algorithm<?> algorithm = Algorithms.byName(name);
        TrainingContext.ValidationProbe probe = validationUsers > 0
                ? scorer -> split.evaluateValidation(scorer, validationUsers, seed)
                : split::evaluateValidation;
        TrainingContext context = TrainingContext.of(seed, compute, probe, progress, dep -> run(dep).model());
        progress.message("training " + name + " on " + split.info().dataset());
        long start = System.nanoTime();
        Model model = algorithm.fit(split.train(), overrides.getOrDefault(name, Map.of()), context);
        double seconds = (System.nanoTime() - start) / 1e9;
        EvalResult validation = split.evaluateValidation(model);
        EvalResult test = split.evaluateTest(model);
        EvalResult paperStyleResult = paperStyle ? paperStyleTest(model) : null;
        log.info("{}: trained in {} s; validation {}; test {}", name, String.format("%.1f", seconds),
                validation.summary(), test.summary());
        ModelRun run = new ModelRun(name, model, validation, test, paperStyleResult, seconds);
        runs.put(name, run);
        return run;
    }

    /** Every run so far, in the order they finished. */
    public List<ModelRun> runs() {
        return new ArrayList<>(runs.values());
    }

    private EvalResult paperStyleTest(Model model) {
        List<? extends org.convncf.trainer.eval.Scorer> checkpoints = model instanceof org.convncf.trainer.model.CheckpointedModel c
                ? c.lastEvaluatedCheckpoints() : List.of();
        if (checkpoints.isEmpty()) {
            return null;
        }
        Map<String, Double> sums = new LinkedHashMap<>();
        for (var scorer : checkpoints) {
            split.evaluateTest(scorer).metrics().forEach((k, v) -> sums.merge(k, v, Double::sum));
            if (scorer instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    log.warn("Could not release a checkpoint: {}", e.toString());
                }
            }
        }
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((k, v) -> means.put(k, v / checkpoints.size()));
        return new EvalResult(means, Map.of(), 0, 0, 0);
    }

    @Override
    public void close() {
        for (ModelRun run : runs.values()) {
            run.model().close();
        }
        runs.clear();
    }
}
