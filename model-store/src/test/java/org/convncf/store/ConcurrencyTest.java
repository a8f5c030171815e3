package org.convncf.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConcurrencyTest {

    @TempDir
    Path root;

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void shutdown() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void concurrentPublishersAllSucceedWithDistinctVersions() throws Exception {
        int publishers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<PublishResult>> futures = new ArrayList<>();
        for (int i = 0; i < publishers; i++) {
            // A store per thread, as separate processes would have; they share only the directory.
            ModelStore store = new ModelStore(root);
            double hr = i / 10.0;
            futures.add(pool.submit(() -> {
                start.await();
                return store.publish(Fixtures.MODEL, Fixtures.artifact(hr), Gate.always());
            }));
        }
        start.countDown();
        List<String> versions = new ArrayList<>();
        for (Future<PublishResult> f : futures) {
            PublishResult result = f.get();
            assertThat(result.current()).isTrue();
            versions.add(result.version());
        }

        ModelStore store = new ModelStore(root);
        assertThat(Set.copyOf(versions)).hasSize(publishers);
        assertThat(store.versions(Fixtures.MODEL)).containsExactlyInAnyOrderElementsOf(versions);
        for (String version : versions) {
            assertThat(store.open(Fixtures.MODEL, version).version()).isEqualTo(version);
        }
        assertThat(store.currentVersion(Fixtures.MODEL)).hasValueSatisfying(v -> assertThat(versions).contains(v));
        assertThat(ModelStoreRoundTripTest.list(root.resolve(Fixtures.MODEL).resolve(".staging"))).isEmpty();
    }

    @Test
    void readersNeverSeeAnErrorWhilePublishersSwitchCurrent() throws Exception {
        ModelStore store = new ModelStore(root);
        store.publish(Fixtures.MODEL, Fixtures.artifact(0), Gate.always());
        AtomicBoolean publishing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<Throwable> errors = new CopyOnWriteArrayList<>();

        List<Future<?>> readers = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            readers.add(pool.submit(() -> {
                while (publishing.get() || reads.get() < 20) {
                    try {
                        ModelArtifact artifact = store.openCurrent(Fixtures.MODEL);
                        assertThat(artifact.tensors()).hasSize(5);
                        assertThat(artifact.directory().getFileName()).hasToString(artifact.version());
                        reads.incrementAndGet();
                    } catch (Throwable t) {
                        errors.add(t);
                        return;
                    }
                }
            }));
        }
        List<Future<?>> publishers = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            ModelStore own = new ModelStore(root);
            publishers.add(pool.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    assertThat(own.publish(Fixtures.MODEL, Fixtures.artifact(i), Gate.always()).current()).isTrue();
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : publishers) {
                f.get();
            }
        } finally {
            publishing.set(false);
        }
        for (Future<?> f : readers) {
            f.get();
        }

        assertThat(errors).isEmpty();
        assertThat(reads.get()).isGreaterThanOrEqualTo(20);
        assertThat(store.versions(Fixtures.MODEL)).hasSize(21);
    }
}
