package org.convncf.service.model;

import java.util.concurrent.atomic.AtomicInteger;
import org.convncf.nn.ConvNcfScorer;
import org.convncf.nn.ServingModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model version in memory, ready to serve: the {@link ServingModel} and, for ConvNCF, its scorer.
 *
 * <p>Reference-counted so that a hot swap never closes a model under a request: the
 * {@link ModelHolder} holds one reference, every request one more; the native resources are
 * released when the last reference goes.
 */
public final class LoadedModel {

    private static final Logger log = LoggerFactory.getLogger(LoadedModel.class);

    private final ServingModel model;
    private final ConvNcfScorer scorer;
    private final long loadedAtMillis;
    private final AtomicInteger references = new AtomicInteger(1);

    LoadedModel(ServingModel model, ConvNcfScorer scorer) {
        this.model = model;
        this.scorer = scorer;
        this.loadedAtMillis = System.currentTimeMillis();
    }

    public ServingModel model() {
        return model;
    }

    /** The ConvNCF re-ranker, or null when the model scores by dot product or is a neighbourhood model. */
    public ConvNcfScorer scorer() {
        return scorer;
    }

    /** The ConvNCF scorer's name, else {@code dot}, {@code item-item} or {@code user-user}: how the model scores. */
    public String scorerName() {
        return scorer != null ? scorer.name() : model.isUserUser() ? "user-user" : model.isNeighbourhood() ? "item-item"
                : "dot";
    }

    public String name() {
        return model.name();
    }

    public String version() {
        return model.version();
    }

    public long loadedAtMillis() {
        return loadedAtMillis;
    }

    /** Takes a reference unless the model is already released. */
    boolean retain() {
        while (true) {
            int n = references.get();
            if (n == 0) {
                return false;
            }
            if (references.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one closes the scorer. */
    void release() {
        if (references.decrementAndGet() == 0) {
            if (scorer != null) {
                scorer.close();
            }
            log.info("Released model {} version {}", name(), version());
        }
    }

    int references() {
        return references.get();
    }
}
