package org.convncf.service;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * For integration tests that need a Docker engine (Testcontainers): without one they are skipped
 * with a message — except when {@code CI=true}, where a missing engine fails the build instead of
 * letting the tests silently not run. Use with {@code @ExtendWith(Docker.class)}.
 */
public final class Docker implements BeforeAllCallback {

    /** The PostgreSQL image the tests use (the public image, or CI's locally built stand-in). */
    public static final String POSTGRES_IMAGE = "postgres:15";

    @Override
    public void beforeAll(ExtensionContext context) {
        boolean available;
        try {
            available = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            available = false;
        }
        if (available) {
            return;
        }
        String message = context.getDisplayName() + " needs a Docker engine (Testcontainers found none)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + "; CI=true, so this is an error (.ci/run starts one)");
        }
        abort(message + "; skipped outside CI");
    }
}
