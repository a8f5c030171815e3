package org.convncf.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.convncf.trainer.cli.TrainerCli;

/**
 * Real models for service tests: trained once per test JVM by the trainer's command line on the
 * synthetic dataset, small enough (K = 16, 8 channels, 1 ConvNCF epoch) to take seconds.
 */
public final class TestModels {

    /** The model {@link #store()} makes current (the service's default serves {@code rp3b}: tests name theirs). */
    public static final String MODEL = "convncf-svdpp";

    private static Path store;
    private static final Map<String, Path> ITEM_ITEM_STORES = new HashMap<>();

    private TestModels() {
    }

    /**
     * A model store holding {@code convncf-svdpp} (current) and {@code svdpp}. Shared: tests must
     * copy it ({@link #copyOfStore}) before publishing into it.
     */
    public static synchronized Path store() {
        if (store == null) {
            try {
                Path dir = Files.createTempDirectory("convncf-test-models");
                train(dir, "convncf-svdpp", 42);
                store = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return store;
    }

    /**
     * A model store holding the item-item model {@code model} ({@code itemknn}, {@code rp3b}, {@code ease};
     * current) at its default hyper-parameters. Shared: read only.
     */
    public static synchronized Path itemItemStore(String model) {
        return ITEM_ITEM_STORES.computeIfAbsent(model, m -> {
            try {
                Path dir = Files.createTempDirectory("convncf-test-" + m);
                run("train", "--data", "synthetic", "--model", m, "--seed", "42", "--negatives", "49",
                        "--validation-users", "200", "--store", dir.toString());
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A private copy of {@link #store()}. */
    public static Path copyOfStore() {
        try {
            Path copy = Files.createTempDirectory("convncf-test-store");
            Path source = store();
            try (var files = Files.walk(source)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Path target = copy.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Trains {@code model} (and what it pre-trains from) into {@code store} with tiny settings. */
    public static void train(Path store, String model, long seed) {
        run("train", "--data", "synthetic", "--model", model, "--seed", Long.toString(seed),
                "--negatives", "49", "--validation-users", "200", "--paper-style", "false",
                "--set", "factors=16", "--set", "historyLength=64", "--set", "epochs=20",
                "--set", "convncf-svdpp.channels=8", "--set", "convncf-svdpp.epochs=1",
                "--store", store.toString());
    }

    private static void run(String... args) {
        int code = TrainerCli.run(args);
        if (code != 0) {
            throw new IllegalStateException("trainer " + String.join(" ", args) + " failed with exit code " + code);
        }
    }
}
