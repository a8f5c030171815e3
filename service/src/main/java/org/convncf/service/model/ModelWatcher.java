package org.convncf.service.model;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls the model store for a new current version, starting right after start-up: the service
 * starts fast and reports not-ready until the first model is loaded.
 */
@Component
class ModelWatcher {

    private final ModelLoader loader;

    ModelWatcher(ModelLoader loader) {
        this.loader = loader;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${convncf.model.poll-interval:10s}")
    void poll() {
        loader.refresh();
    }
}
