package org.convncf.store;

import java.util.Objects;

/**
 * The outcome of {@link ModelStore#publish(String, ArtifactBuilder, Gate)}.
 *
 * @param version the name of the new version, which is published either way
 * @param current whether it became the current version
 * @param reason why it did or did not become current
 */
public record PublishResult(String version, boolean current, String reason) {

    public PublishResult {
        Names.requireVersion(version);
        Objects.requireNonNull(reason, "reason");
    }
}
