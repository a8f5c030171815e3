package org.convncf.service.model;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The model being served. Requests {@link #acquire()} a lease; a new version is installed with
 * {@link #swap} and the old one is closed once its last lease is returned.
 */
@Component
public class ModelHolder {

    private final AtomicReference<LoadedModel> current = new AtomicReference<>();

    /** A lease on the current model, or empty when none is loaded yet. Close it when the request ends. */
    public Optional<Lease> acquire() {
        while (true) {
            LoadedModel m = current.get();
            if (m == null) {
                return Optional.empty();
            }
            if (m.retain()) {
                return Optional.of(new Lease(m));
            }
            // m was swapped out and released between get() and retain(): read the new one.
        }
    }

    /** Installs {@code next}; the previous model is released after its in-flight requests. */
    void swap(LoadedModel next) {
        LoadedModel previous = current.getAndSet(next);
        if (previous != null) {
            previous.release();
        }
    }

    /** The current model without a lease, for status reporting only. */
    public Optional<LoadedModel> peek() {
        return Optional.ofNullable(current.get());
    }

    /** A request's hold on a model. */
    public static final class Lease implements AutoCloseable {
        private final LoadedModel model;
        private boolean closed;

        Lease(LoadedModel model) {
            this.model = model;
        }

        public LoadedModel model() {
            return model;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                model.release();
            }
        }
    }
}
