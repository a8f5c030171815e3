package org.convncf.trainer.model;

import java.util.Objects;
import java.util.function.Function;
import org.convncf.trainer.eval.EvalResult;
import org.convncf.trainer.eval.Scorer;

/**
 * What an algorithm may use besides its training view: the seed, the compute settings, a validation
 * probe for early stopping, a progress sink, and already-trained models for pre-training.
 */
public final class TrainingContext {

    /** Scores a model on the validation split (never the test split). */
    @FunctionalInterface
    public interface ValidationProbe {
        EvalResult validate(Scorer scorer);
    }

    /** Receives progress; implementations render a progress bar or log lines. */
    public interface ProgressListener {
        /** A training batch finished: {@code done} of {@code total} batches in this epoch. */
        default void batch(int epoch, long done, long total, double meanLoss) {
        }

        /** An epoch finished. */
        default void epoch(String algorithm, TrainingHistory.Epoch epoch) {
        }

        /** Free-form status. */
        default void message(String text) {
        }
    }

    private final long seed;
    private final ComputeSettings compute;
    private final ValidationProbe validation;
    private final ProgressListener progress;
    private final Function<String, Model> pretrained;

    private TrainingContext(long seed, ComputeSettings compute, ValidationProbe validation, ProgressListener progress,
            Function<String, Model> pretrained) {
        this.seed = seed;
        this.compute = Objects.requireNonNull(compute);
        this.validation = validation;
        this.progress = Objects.requireNonNull(progress);
        this.pretrained = pretrained;
    }

    public static TrainingContext of(long seed, ComputeSettings compute, ValidationProbe validation,
            ProgressListener progress, Function<String, Model> pretrained) {
        return new TrainingContext(seed, compute, validation, progress, pretrained);
    }

    /** A context with no validation probe and no pre-trained models, for tests and closed-form models. */
    public static TrainingContext simple(long seed) {
        return new TrainingContext(seed, ComputeSettings.defaults(), null, new ProgressListener() { }, null);
    }

    public long seed() {
        return seed;
    }

    public ComputeSettings compute() {
        return compute;
    }

    public boolean canValidate() {
        return validation != null;
    }

    /** Validation metrics of {@code scorer}; throws if this context has no probe. */
    public EvalResult validate(Scorer scorer) {
        if (validation == null) {
            throw new IllegalStateException("this training context has no validation split");
        }
        return validation.validate(scorer);
    }

    public ProgressListener progress() {
        return progress;
    }

    /**
     * The trained model of algorithm {@code name} on the same training view (trained on demand or
     * loaded), for algorithms that pre-train from a shallow counterpart.
     */
    public Model pretrained(String name) {
        if (pretrained == null) {
            throw new IllegalStateException("no pre-trained model source in this context (needed: " + name + ")");
        }
        return pretrained.apply(name);
    }

    /** A copy with another pre-trained source (the runner uses it to train dependencies with the same settings). */
    public TrainingContext withPretrained(Function<String, Model> source) {
        return new TrainingContext(seed, compute, validation, progress, source);
    }
}
