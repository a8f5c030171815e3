package org.convncf.trainer.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.convncf.trainer.eval.CandidateStage;
import org.convncf.trainer.eval.EvalResult;
import org.convncf.trainer.eval.MemoizedScorer;
import org.convncf.trainer.eval.Protocol;
import org.convncf.trainer.eval.Scorer;
import org.convncf.trainer.eval.Split;
import org.convncf.trainer.eval.TwoStageScorer;
import org.convncf.trainer.model.Algorithm;
import org.convncf.trainer.model.Algorithms;
import org.convncf.trainer.model.ComputeSettings;
import org.convncf.trainer.model.HyperParameters;
import org.convncf.trainer.model.Model;
import org.convncf.trainer.model.TrainingContext;
import org.convncf.trainer.model.TrainingHistory;
import org.convncf.trainer.model.convncf.ConvNcf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains algorithms on one split and evaluates them the protocol's way: model selection sees only
 * validation metrics; the test split is scored once, for the selected model.
 *
 * <p>Algorithms that pre-train from a shallow counterpart get it from this experiment: trained on
 * the same split on first request (or taken from an earlier run of the same experiment), or
 * {@linkplain #importModel read from the model store} where a version trained on this split exists.
 *
 * <p>With {@link #withTwoStage two-stage evaluation} under full ranking, ConvNCF models are
 * validated and tested as the service runs them: C candidates from their shallow pre-training model
 * (blended with popular items), re-ranked by the CNN; scoring every item with the CNN is what a
 * large catalogue cannot afford.
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
    private final List<TwoStageRun> twoStageRuns = new ArrayList<>();
    private final Map<String, StoredPretraining> imported = new LinkedHashMap<>();
    private TwoStage twoStage;

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

    /**
     * Evaluates ConvNCF models two-stage under full ranking (ignored under the sampled protocol,
     * where the candidates are given). Call before the first run.
     */
    public Experiment withTwoStage(TwoStage config) {
        if (!runs.isEmpty()) {
            throw new IllegalStateException("two-stage evaluation must be set before the first run");
        }
        this.twoStage = config;
        return this;
    }

    /**
     * Uses a stored model in place of training {@code stored.name()}: pre-training dependencies get
     * it, and a run of that name evaluates it (validation, then test once) without training it. Call
     * before the first run.
     */
    public Experiment importModel(StoredPretraining stored) {
        if (!runs.isEmpty()) {
            throw new IllegalStateException("stored models must be imported before the first run");
        }
        if (imported.putIfAbsent(stored.name(), stored) != null) {
            throw new IllegalArgumentException(stored.name() + " is imported twice");
        }
        log.info("{}: not trained here; read from {}", stored.name(), stored.origin());
        return this;
    }

    /** Whether {@code name} was {@linkplain #importModel imported} rather than trained by this experiment. */
    public boolean isImported(String name) {
        return imported.containsKey(name);
    }

    /** The two-stage test results so far: one per ConvNCF run and candidate count. */
    public List<TwoStageRun> twoStageRuns() {
        return List.copyOf(twoStageRuns);
    }

    /** Trains and evaluates {@code name} (once; a second call returns the first run). */
    public ModelRun run(String name) {
        ModelRun existing = runs.get(name);
        if (existing != null) {
            return existing;
        }
        StoredPretraining stored = imported.get(name);
        Trial trial = stored != null ? evaluateStored(stored) : train(name, overrides.getOrDefault(name, Map.of()));
        ModelRun run = finish(name, trial);
        runs.put(name, run);
        return run;
    }

    /**
     * One configuration tried by {@link #tune}: validation metrics only.
     *
     * @param model   the trained model; null for a configuration finished by an earlier run (resumed)
     * @param history its training history (the model's, or the earlier run's learning curve)
     */
    public record Trial(Map<String, String> settings, Model model, TrainingHistory history, EvalResult validation,
            double trainSeconds) {

        /** A configuration trained by this run. */
        public Trial(Map<String, String> settings, Model model, EvalResult validation, double trainSeconds) {
            this(settings, model, model.history(), validation, trainSeconds);
        }

        /** Whether this configuration was finished by an earlier run, its model not kept. */
        public boolean resumed() {
            return model == null;
        }
    }

    /** The outcome of a grid search: every trial, in order, and the run of the best one. */
    public record Tuning(List<Trial> trials, int best, ModelRun run) {
    }

    /** Told after each configuration of {@link #tune}, so a grid that is stopped still leaves its rows. */
    @FunctionalInterface
    public interface TrialListener {
        /** {@code trials} so far, in grid order; {@code best} indexes the best of them on validation. */
        void trialFinished(List<Trial> trials, int best);
    }

    /**
     * Grid search on validation: trains {@code name} once per settings map (each on top of the
     * experiment's overrides), keeps the configuration with the best validation NDCG@10, and
     * evaluates only that one on the test split. Pre-training dependencies are trained once and
     * shared by all trials. {@code listener} hears of each finished trial before the next one starts.
     */
    public Tuning tune(String name, List<Map<String, String>> grid, TrialListener listener) {
        return tune(name, grid, Map.of(), listener);
    }

    /**
     * {@link #tune(String, List, TrialListener)} resuming a stopped grid: the configurations in
     * {@code finished} (settings → a {@linkplain Trial#resumed() resumed} trial, whose
     * {@linkplain #trialContext context} the caller has checked) are not trained again. If one of them
     * is selected, it is trained again to score it on test, since its model was not kept; the
     * listener hears only of the configurations trained here.
     */
    public Tuning tune(String name, List<Map<String, String>> grid, Map<Map<String, String>, Trial> finished,
            TrialListener listener) {
        if (grid.isEmpty()) {
            throw new IllegalArgumentException("the grid is empty");
        }
        if (imported.containsKey(name)) {
            throw new IllegalArgumentException(name + " is read from a model store in this run; it cannot also be tuned");
        }
        List<Trial> trials = new ArrayList<>();
        int best = -1;
        for (Map<String, String> settings : grid) {
            Trial earlier = finished.get(settings);
            Trial kept = earlier != null ? earlier : withSettings(settings, train(name, merged(name, settings)));
            trials.add(kept);
            if (best < 0 || kept.validation().get("NDCG@10") > trials.get(best).validation().get("NDCG@10")) {
                if (best >= 0) {
                    close(trials.get(best));
                }
                best = trials.size() - 1;
            } else {
                close(kept);
            }
            progress.message(String.format(Locale.ROOT, "%s %s: validation NDCG@10 %.4f%s (best so far: %s)",
                    name, settings, kept.validation().get("NDCG@10"), earlier != null ? ", finished by an earlier run" : "",
                    trials.get(best).settings()));
            if (earlier == null) {
                listener.trialFinished(List.copyOf(trials), best);
            }
        }
        Trial chosen = trials.get(best);
        if (chosen.resumed()) {
            chosen = retrain(name, chosen);
            trials.set(best, chosen);
        }
        ModelRun run = finish(name, chosen);
        runs.put(name, run);
        return new Tuning(trials, best, run);
    }

    /**
     * The selected configuration trained again, to score it on test: an earlier run finished it but
     * did not keep its model. Same seed and settings give the same model on the same machine and
     * thread count; a different validation figure is logged, and the test score is this model's.
     */
    private Trial retrain(String name, Trial earlier) {
        progress.message(name + " " + earlier.settings() + ": selected; training it again to score it on test (an earlier"
                + " run finished it without keeping its model)");
        Trial again = withSettings(earlier.settings(), train(name, merged(name, earlier.settings())));
        double before = earlier.validation().get("NDCG@10");
        double now = again.validation().get("NDCG@10");
        if (now != before) {
            log.warn("{} {}: validation NDCG@10 {} now, {} in the earlier run (another machine, thread count or code?);"
                    + " the test score is of the model trained now", name, earlier.settings(),
                    String.format(Locale.ROOT, "%.6f", now), String.format(Locale.ROOT, "%.6f", before));
        }
        return again;
    }

    private static Trial withSettings(Map<String, String> settings, Trial trial) {
        return new Trial(settings, trial.model(), trial.history(), trial.validation(), trial.trainSeconds());
    }

    private static void close(Trial trial) {
        if (!trial.resumed()) {
            trial.model().close();
        }
    }

    /** The experiment's overrides of {@code name} with {@code settings} on top. */
    private Map<String, String> merged(String name, Map<String, String> settings) {
        Map<String, String> merged = new LinkedHashMap<>(overrides.getOrDefault(name, Map.of()));
        merged.putAll(settings);
        return merged;
    }

    /**
     * What a trial of {@code name} with {@code settings} (a grid configuration) depends on, as strings:
     * the split's identity, the seed, the validation users selection sees, every resolved
     * hyper-parameter, the overrides of the models it may pre-train from, the models read from a store,
     * and two-stage validation where it applies. Two trials with equal contexts are the same
     * experiment; {@code tune --resume} reuses a finished trial only then.
     */
    public Map<String, String> trialContext(String name, Map<String, String> settings) {
        Algorithm<?> algorithm = Algorithms.byName(name);
        Map<String, Object> hyperParameters = HyperParameters.toMap(HyperParameters.bind(algorithm.defaults(),
                merged(name, settings)));
        Map<String, String> context = new LinkedHashMap<>();
        context.put("model", name);
        split.info().toMap().forEach((k, v) -> context.put("split." + k, String.valueOf(v)));
        context.put("seed", Long.toString(seed));
        context.put("validationUsers", Integer.toString(validationUsers));
        hyperParameters.forEach((k, v) -> context.put("hyperParameters." + k, String.valueOf(v)));
        overrides.forEach((model, values) -> {
            if (!model.equals(name)) {
                values.forEach((k, v) -> context.put("overrides." + model + "." + k, v));
            }
        });
        imported.forEach((model, stored) -> context.put("stored." + model, stored.origin()));
        String retrieval = retrievalOf(algorithm, hyperParameters);
        if (retrieval != null) {
            context.put("twoStage.candidates", Integer.toString(twoStage.largest()));
            context.put("twoStage.popularityShare", Double.toString(twoStage.popularityShare()));
            context.put("twoStage.retrieval", retrieval);
        }
        return context;
    }

    private Trial train(String name, Map<String, String> settings) {
        Algorithm<?> algorithm = Algorithms.byName(name);
        String retrieval = retrievalOf(algorithm, HyperParameters.toMap(HyperParameters.bind(algorithm.defaults(), settings)));
        TrainingContext.ValidationProbe probe = probe(retrieval);
        TrainingContext context = TrainingContext.of(seed, compute, probe, progress, dep -> run(dep).model());
        progress.message("training " + name + " on " + split.info().dataset() + (settings.isEmpty() ? "" : " with " + settings)
                + (retrieval == null ? "" : "; validated two-stage: " + twoStage.largest() + " candidates from " + retrieval));
        long start = System.nanoTime();
        Model model = algorithm.fit(split.train(), settings, context);
        double seconds = (System.nanoTime() - start) / 1e9;
        // The selected model's validation metrics on the users selection saw (all of them, or the
        // fixed subset): a second pass over every validation user costs as much as the test.
        return new Trial(settings, model, probe.validate(model), seconds);
    }

    /** The stored model's validation metrics, measured as a trained model's are; its recorded training time. */
    private Trial evaluateStored(StoredPretraining stored) {
        progress.message("evaluating " + stored.name() + " on " + split.info().dataset() + ", read from " + stored.origin());
        return new Trial(Map.of(), stored.model(), probe(null).validate(stored.model()), stored.trainSeconds());
    }

    /** Validation as selection sees it; two-stage models are selected as they are served: at the largest C. */
    private TrainingContext.ValidationProbe probe(String retrieval) {
        UnaryOperator<Scorer> served = retrieval == null ? s -> s
                : s -> new TwoStageScorer(candidateStage(retrieval), s, twoStage.largest());
        return validationUsers > 0
                ? scorer -> split.evaluateValidation(served.apply(scorer), validationUsers, seed)
                : scorer -> split.evaluateValidation(served.apply(scorer));
    }

    /**
     * The retrieval model's name when {@code algorithm} is evaluated two-stage, else null: the one
     * the two-stage configuration names, or the model's own pre-training model.
     */
    private String retrievalOf(Algorithm<?> algorithm, Map<String, Object> hyperParameters) {
        if (twoStage == null || split.protocol() != Protocol.FULL_RANKING || !(algorithm instanceof ConvNcf)) {
            return null;
        }
        if (twoStage.retrieval() != null) {
            return twoStage.retrieval();
        }
        Object source = hyperParameters.get("pretrain");
        if (!(source instanceof String s) || s.isEmpty()) {
            throw new IllegalArgumentException(algorithm.name() + " has no pre-training model to generate candidates with;"
                    + " two-stage evaluation needs one");
        }
        return s;
    }

    private CandidateStage candidateStage(String retrieval) {
        return new CandidateStage(run(retrieval).model(), split.train(), twoStage.popularityShare());
    }

    /** The test evaluation of the selected model: once. */
    private ModelRun finish(String name, Trial trial) {
        String retrieval = retrievalOf(Algorithms.byName(name), trial.model().hyperParameters());
        EvalResult test = retrieval == null ? split.evaluateTest(trial.model()) : twoStageTest(name, retrieval, trial.model());
        // Paper-style means re-score old checkpoints on the test split: not for two-stage models.
        EvalResult paperStyleResult = paperStyle && retrieval == null ? paperStyleTest(trial.model()) : null;
        log.info("{}: trained in {} s; validation {}; test {}", name, String.format("%.1f", trial.trainSeconds()),
                trial.validation().summary(), test.summary());
        return new ModelRun(name, trial.model(), trial.validation(), test, paperStyleResult, trial.trainSeconds());
    }

    /**
     * Test of the served pipeline at every configured C: the candidate recall of stage one, then the
     * metrics of the re-ranked list. Returns the result at the largest C (the one selection used).
     */
    private EvalResult twoStageTest(String name, String retrieval, Model model) {
        CandidateStage stage = candidateStage(retrieval);
        // Largest C first: smaller candidate sets nest in it, so the CNN scores each user's pairs once.
        Scorer reranker = new MemoizedScorer(model);
        int[] counts = twoStage.candidates();
        List<TwoStageRun> done = new ArrayList<>();
        for (int i = counts.length - 1; i >= 0; i--) {
            int c = counts[i];
            EvalResult recall = split.evaluateTest(stage.membership(c), c);
            EvalResult test = split.evaluateTest(new TwoStageScorer(stage, reranker, c));
            log.info("{} two-stage, {} candidates from {}: candidate Recall@{} {}; test {} ({} s)", name, c, retrieval, c,
                    String.format("%.4f", recall.get("Recall@" + c)), test.summary(), String.format("%.1f", test.seconds()));
            done.add(0, new TwoStageRun(name, retrieval, c, twoStage.popularityShare(), recall.get("Recall@" + c), test));
        }
        twoStageRuns.addAll(done);
        return done.get(done.size() - 1).test();
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
