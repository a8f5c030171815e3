package org.convncf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PruneTest {

    @TempDir
    Path root;

    @Test
    void keepsTheNewestVersionsAndTheCurrentOne() throws IOException {
        ModelStore store = new ModelStore(root, Fixtures.steppingClock());
        List<String> v = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            v.add(store.publish(Fixtures.MODEL, Fixtures.artifact(0.5), Gate.always()).version());
        }
        store.setCurrent(Fixtures.MODEL, v.get(1));

        PruneResult result = store.prune(Fixtures.MODEL, 2);

        assertThat(result.versions()).containsExactly(v.get(0), v.get(2));
        assertThat(result.leftovers()).isEmpty();
        assertThat(store.versions(Fixtures.MODEL)).containsExactly(v.get(1), v.get(3), v.get(4));
        assertThat(store.openCurrent(Fixtures.MODEL).version()).isEqualTo(v.get(1));
        assertThat(ModelStoreRoundTripTest.list(root.resolve(Fixtures.MODEL).resolve(".staging"))).isEmpty();

        assertThat(store.prune(Fixtures.MODEL, 3).versions()).isEmpty();
        assertThat(store.prune(Fixtures.MODEL, 1).versions()).containsExactly(v.get(3));
        assertThat(store.versions(Fixtures.MODEL)).containsExactly(v.get(1), v.get(4));
    }

    @Test
    void deletesAbandonedStagingDirectoriesAndTemporaryFiles() throws IOException {
        Clock clock = Clock.fixed(Fixtures.START, ZoneOffset.UTC);
        ModelStore store = new ModelStore(root, clock);
        Path modelDir = root.resolve(Fixtures.MODEL);
        Path stale = Files.createDirectories(modelDir.resolve(".staging").resolve("stale"));
        Files.writeString(stale.resolve("tensors.safetensors"), "partial");
        Files.setLastModifiedTime(stale, FileTime.from(Fixtures.START.minus(Duration.ofMinutes(61))));
        Path recent = Files.createDirectories(modelDir.resolve(".staging").resolve("recent"));
        Files.setLastModifiedTime(recent, FileTime.from(Fixtures.START.minus(Duration.ofMinutes(59))));
        Files.writeString(modelDir.resolve("current.tmp-0123"), "2026");

        PruneResult result = store.prune(Fixtures.MODEL, 1);

        assertThat(result.versions()).isEmpty();
        assertThat(result.leftovers()).containsExactlyInAnyOrder("stale", "current.tmp-0123");
        assertThat(ModelStoreRoundTripTest.list(modelDir.resolve(".staging"))).containsExactly("recent");
        assertThat(modelDir.resolve("current.tmp-0123")).doesNotExist();
    }

    @Test
    void anUnknownModelHasNothingToPrune() {
        PruneResult result = new ModelStore(root).prune("unknown", 1);

        assertThat(result.versions()).isEmpty();
        assertThat(result.leftovers()).isEmpty();
        assertThat(root.resolve("unknown")).doesNotExist();
    }

    @Test
    void keepMustBePositive() {
        ModelStore store = new ModelStore(root);

        assertThatThrownBy(() -> store.prune(Fixtures.MODEL, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keep must be at least 1, was 0");
    }
}
