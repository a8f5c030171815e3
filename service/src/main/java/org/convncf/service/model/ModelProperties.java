package org.convncf.service.model;

import java.nio.file.Path;
import java.time.Duration;
import org.convncf.nn.ConvNcfScorers;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which model the service serves and how it follows the model store.
 *
 * @param store         the model store's root directory
 * @param name          the model to serve (its {@code current} version); {@code rp3b} by default, the best
 *                      servable model in docs/RESULTS.md
 * @param pollInterval  how often to look for a new current version
 * @param scorer        ConvNCF scorer: auto (the Vector API kernel on Java 21+, else DJL), djl or vector
 * @param scorerThreads threads one re-ranking call may use (1 = the request thread only)
 */
@ConfigurationProperties("convncf.model")
public record ModelProperties(
        @DefaultValue("models") Path store,
        @DefaultValue("rp3b") String name,
        @DefaultValue("10s") Duration pollInterval,
        @DefaultValue("auto") String scorer,
        @DefaultValue("1") int scorerThreads) {

    public ModelProperties {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("convncf.model.name must not be blank");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("convncf.model.poll-interval must be positive");
        }
        ConvNcfScorers.Mode.parse(scorer);
        if (scorerThreads < 1 || scorerThreads > 64) {
            throw new IllegalArgumentException("convncf.model.scorer-threads must be in 1..64, got " + scorerThreads);
        }
    }

    public ConvNcfScorers.Mode scorerMode() {
        return ConvNcfScorers.Mode.parse(scorer);
    }
}
