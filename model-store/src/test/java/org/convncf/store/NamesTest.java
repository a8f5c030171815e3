package org.convncf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    private static final String VALID_VERSION = "20261126T103705.123Z-a1b2c3";

    @TempDir
    Path root;

    @Test
    void versionNamesAreUtcMillisPlusRandomHexAndSortChronologically() {
        Random random = new Random(7);
        Instant t = Instant.parse("2026-01-02T03:04:05.006789Z");
        List<String> names = new ArrayList<>();
        for (Instant at : List.of(t, t.plusMillis(1), t.plusSeconds(1), t.plusSeconds(86_400 * 400L))) {
            names.add(Names.newVersion(at, random));
        }

        assertThat(names.get(0)).matches("20260102T030405\\.006Z-[0-9a-f]{6}");
        assertThat(names).isSorted().allMatch(Names::isVersion);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "", "Upper", "a/b", ".hidden", "-dash", "a\nb",
            "x1234567890123456789012345678901234567890123456789012345678901234"}) // 65 characters
    void invalidModelNamesAreRejectedEverywhere(String model) {
        ModelStore store = new ModelStore(root);

        assertThatThrownBy(() -> store.versions(model)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid model name");
        assertThatThrownBy(() -> store.currentVersion(model)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open(model, VALID_VERSION)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.openCurrent(model)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.setCurrent(model, VALID_VERSION)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.prune(model, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.publish(model, Fixtures.artifact(0.5), Gate.always()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(root).isEmptyDirectory();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "", "20261126T103705.123Z", "20261126T103705.123Z-A1B2C3",
            "20261126T103705.123Z-a1b2c3/..", "latest"})
    void invalidVersionNamesAreRejectedEverywhere(String version) {
        ModelStore store = new ModelStore(root);

        assertThatThrownBy(() -> store.open("m", version)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid version name");
        assertThatThrownBy(() -> store.manifest("m", version)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.setCurrent("m", version)).isInstanceOf(IllegalArgumentException.class);
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void longestValidModelNameIsAccepted() {
        assertThat(Names.isModel("a" + "b".repeat(63))).isTrue();
        assertThat(Names.isModel("convncf-svdpp_v2.1")).isTrue();
    }
}
