package org.convncf.trainer.model;

import org.convncf.trainer.data.Interactions;

/**
 * A recommendation algorithm: a name, a hyper-parameter record with documented defaults, and a
 * {@link #fit} that turns a training view into a {@link Model}. Each algorithm lives in its own
 * package and is listed once in {@link Algorithms}.
 *
 * @param <C> the hyper-parameter record; its canonical constructor validates every value
 */
public interface Algorithm<C extends Record> {

    /** The registry name, e.g. {@code itempop} or {@code convncf-svdpp}. */
    String name();

    /** One line for {@code --help} and result tables. */
    String description();

    /** The defaults (the paper's where the paper gives them). */
    C defaults();

    /**
     * Trains on {@code train}, which holds no validation or test item. Iterative algorithms may use
     * {@link TrainingContext#validate} for early stopping; nothing else about held-out data is
     * reachable from here.
     */
    Model fit(Interactions train, C config, TrainingContext context);

    /** Binds {@code key=value} overrides and fits. */
    default Model fit(Interactions train, java.util.Map<String, String> overrides, TrainingContext context) {
        return fit(train, HyperParameters.bind(defaults(), overrides), context);
    }
}
