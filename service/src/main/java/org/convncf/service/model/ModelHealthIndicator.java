package org.convncf.service.model;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Part of readiness: UP once a model is loaded (the service cannot recommend before). */
@Component("model")
class ModelHealthIndicator implements HealthIndicator {

    private final ModelHolder holder;
    private final ModelLoader loader;

    ModelHealthIndicator(ModelHolder holder, ModelLoader loader) {
        this.holder = holder;
        this.loader = loader;
    }

    @Override
    public Health health() {
        return holder.peek().map(m -> {
            Health.Builder up = Health.up().withDetail("name", m.name()).withDetail("version", m.version());
            loader.lastError().ifPresent(e -> up.withDetail("newestVersionRefused", e));
            return up.build();
        }).orElseGet(() -> Health.down().withDetail("reason", loader.lastError()
                .orElse("no model loaded yet from " + loader.properties().store() + " (model " + loader.properties().name() + ")"))
                .build());
    }
}
