package org.convncf.trainer.model;

import java.util.Map;
import org.convncf.trainer.eval.Scorer;

/**
 * A trained model: it scores (user, item) pairs of its training view and knows how to describe
 * itself for the model store. Models holding native resources release them in {@link #close()}.
 */
public interface Model extends Scorer, AutoCloseable {

    /** The algorithm that produced this model. */
    String algorithm();

    /** The effective hyper-parameters, for manifests and result tables. */
    Map<String, Object> hyperParameters();

    /** What training did: epochs run, the selected epoch, per-epoch history (empty for closed-form models). */
    default TrainingHistory history() {
        return TrainingHistory.NONE;
    }

    @Override
    default void close() {
    }
}
