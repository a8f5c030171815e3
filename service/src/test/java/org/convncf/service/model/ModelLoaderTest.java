package org.convncf.service.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.convncf.service.TestModels;
import org.convncf.store.Manifest;
import org.convncf.store.ModelStore;
import org.junit.jupiter.api.Test;

/** The loader refuses a version too large for its memory budget before reading it, and loads one that fits. */
class ModelLoaderTest {

    private final Path store = TestModels.itemItemStore("ease");
    private final ModelProperties properties = new ModelProperties(store, "ease", Duration.ofSeconds(10), "auto", 1);
    private final long bytes = versionBytes();

    @Test
    void aVersionLargerThanTheBudgetIsRefusedAndNothingIsServed() {
        ModelHolder holder = new ModelHolder();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ModelLoader loader = new ModelLoader(properties, holder, meters, bytes - 1);

        ModelLoader.Result result = loader.refresh();

        assertThat(result.status()).isEqualTo("refused");
        assertThat(result.message()).contains("refused version " + result.version() + " of ease: its files take")
                .contains("more than the").contains("give the service more memory");
        assertThat(holder.peek()).isEmpty();
        assertThat(loader.lastError()).hasValue(result.message());
        assertThat(meters.get("convncf.model.load.failures").counter().count()).isEqualTo(1.0);
        // refused once, not re-read on every poll
        assertThat(loader.refresh().status()).isEqualTo("refused");
        assertThat(meters.get("convncf.model.load.failures").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aVersionWithinTheBudgetIsServed() {
        ModelHolder holder = new ModelHolder();
        ModelLoader loader = new ModelLoader(properties, holder, new SimpleMeterRegistry(), bytes);

        ModelLoader.Result result = loader.refresh();

        assertThat(result.status()).as(result.message()).isEqualTo("loaded");
        assertThat(holder.peek()).hasValueSatisfying(m -> assertThat(m.model().isNeighbourhood()).isTrue());
    }

    private long versionBytes() {
        ModelStore models = new ModelStore(store);
        String version = models.currentVersion("ease").orElseThrow();
        return models.manifest("ease", version).files().values().stream().mapToLong(Manifest.FileEntry::bytes).sum();
    }
}
