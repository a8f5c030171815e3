package org.convncf.trainer;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the real datasets of {@code ../shared/data} for tests.
 *
 * <p>The directory comes from the environment variable {@code CONVNCF_DATA}, else the system property
 * {@code convncf.data.dir} (set by the build to {@code <project>/../shared/data}). When a dataset is
 * absent the calling test is skipped with a message saying where it looked, except when the
 * environment variable {@code CI} is {@code true}: in CI missing data fails the test.
 */
public final class TestData {

    private TestData() {
    }

    /** The data root; it may not exist. */
    public static Path root() {
        String env = System.getenv("CONVNCF_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("convncf.data.dir", "../../shared/data"));
    }

    /** The folder {@code name} under the data root; skips (or, in CI, fails) the test when it is absent. */
    public static Path dataset(String name) {
        Path dir = root().resolve(name).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            String message = "dataset " + name + " not found at " + dir
                    + " (set CONVNCF_DATA to the folder that holds the shared datasets)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + "; CI=true, so missing data is an error");
            }
            abort(message);
        }
        return dir;
    }
}
