package org.convncf.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurrentVersionTest {

    private static final Gate HR10 = Gate.notWorse("validation", "HR@10");

    @TempDir
    Path root;

    private ModelStore store;

    @BeforeEach
    void createStore() {
        store = new ModelStore(root, Fixtures.steppingClock());
    }

    private static ArtifactBuilder withoutMetrics() {
        return new ArtifactBuilder("convncf", "svdpp").users(IdMap.range(1)).items(IdMap.range(1));
    }

    @Test
    void anUnknownModelHasNoCurrentVersion() {
        assertThat(store.currentVersion("unknown")).isEmpty();
        assertThatThrownBy(() -> store.openCurrent("unknown")).isInstanceOf(ModelStoreException.class)
                .hasMessage(root.resolve("unknown").resolve("current")
                        + ": missing; model 'unknown' has no current version");
        assertThat(root.resolve("unknown")).doesNotExist();
    }

    @Test
    void theLatestPublishIsCurrent() {
        PublishResult first = store.publish(Fixtures.MODEL, Fixtures.artifact(0.5), Gate.always());
        PublishResult second = store.publish(Fixtures.MODEL, Fixtures.artifact(0.4), Gate.always());

        assertThat(first.current()).isTrue();
        assertThat(first.reason()).isEqualTo("model convncf-svdpp had no current version");
        assertThat(second.current()).isTrue();
        assertThat(store.currentVersion(Fixtures.MODEL)).contains(second.version());
        assertThat(store.openCurrent(Fixtures.MODEL).version()).isEqualTo(second.version());
        assertThat(store.versions(Fixtures.MODEL)).containsExactly(first.version(), second.version());
    }

    @Test
    void notWorseRefusesAWorseVersionButKeepsIt() {
        String good = store.publish(Fixtures.MODEL, Fixtures.artifact(0.6), HR10).version();

        PublishResult worse = store.publish(Fixtures.MODEL, Fixtures.artifact(0.59), HR10);

        assertThat(worse.current()).isFalse();
        assertThat(worse.reason()).isEqualTo("validation/HR@10 0.59 < 0.6 of current version " + good);
        assertThat(store.currentVersion(Fixtures.MODEL)).contains(good);
        assertThat(store.versions(Fixtures.MODEL)).containsExactly(good, worse.version());
        assertThat(store.open(Fixtures.MODEL, worse.version()).manifest().metric("validation", "HR@10")).hasValue(0.59);
    }

    @Test
    void notWorseAcceptsAnEqualOrBetterVersion() {
        store.publish(Fixtures.MODEL, Fixtures.artifact(0.6), HR10);

        PublishResult equal = store.publish(Fixtures.MODEL, Fixtures.artifact(0.6), HR10);
        PublishResult better = store.publish(Fixtures.MODEL, Fixtures.artifact(0.7), HR10);

        assertThat(equal.current()).isTrue();
        assertThat(equal.reason()).startsWith("validation/HR@10 0.6 >= 0.6 of current version");
        assertThat(better.current()).isTrue();
        assertThat(store.currentVersion(Fixtures.MODEL)).contains(better.version());
    }

    @Test
    void notWorseAcceptsWhenTheCurrentVersionLacksTheMetric() {
        String old = store.publish(Fixtures.MODEL, withoutMetrics(), HR10).version();

        PublishResult next = store.publish(Fixtures.MODEL, Fixtures.artifact(0.1), HR10);

        assertThat(next.current()).isTrue();
        assertThat(next.reason()).isEqualTo("current version " + old + " has no metric validation/HR@10");
    }

    @Test
    void notWorseRefusesACandidateWithoutTheMetric() {
        String old = store.publish(Fixtures.MODEL, Fixtures.artifact(0.6), HR10).version();

        PublishResult next = store.publish(Fixtures.MODEL, withoutMetrics(), HR10);

        assertThat(next.current()).isFalse();
        assertThat(next.reason()).contains("the new version has no metric validation/HR@10");
        assertThat(store.currentVersion(Fixtures.MODEL)).contains(old);
    }

    @Test
    void setCurrentRollsBack() {
        String v1 = store.publish(Fixtures.MODEL, Fixtures.artifact(0.5), Gate.always()).version();
        store.publish(Fixtures.MODEL, Fixtures.artifact(0.6), Gate.always());

        store.setCurrent(Fixtures.MODEL, v1);

        assertThat(store.currentVersion(Fixtures.MODEL)).contains(v1);
        assertThat(store.openCurrent(Fixtures.MODEL).manifest().metric("validation", "HR@10")).hasValue(0.5);
    }

    @Test
    void setCurrentRefusesAnUnknownVersion() {
        String v1 = store.publish(Fixtures.MODEL, Fixtures.artifact(0.5), Gate.always()).version();
        String unknown = "20990101T000000.000Z-abcdef";

        assertThatThrownBy(() -> store.setCurrent(Fixtures.MODEL, unknown)).isInstanceOf(ModelStoreException.class)
                .hasMessage(root.resolve(Fixtures.MODEL).resolve("versions").resolve(unknown) + ": no such version");
        assertThat(store.currentVersion(Fixtures.MODEL)).contains(v1);
    }

    @Test
    void aGarbledCurrentFileIsReportedAndReplacedByTheNextPublish() throws IOException {
        store.publish(Fixtures.MODEL, Fixtures.artifact(0.9), HR10);
        Path current = root.resolve(Fixtures.MODEL).resolve("current");
        Files.writeString(current, "../../etc\n");

        assertThatThrownBy(() -> store.currentVersion(Fixtures.MODEL)).isInstanceOf(ModelStoreException.class)
                .hasMessage(current + ": does not hold a version name: '../../etc'");

        PublishResult next = store.publish(Fixtures.MODEL, Fixtures.artifact(0.1), HR10);
        assertThat(next.current()).isTrue();
        assertThat(next.reason()).startsWith("the current version is unreadable: " + current);
        assertThat(store.currentVersion(Fixtures.MODEL)).contains(next.version());
    }

    @Test
    void gatesCanBeCustom() {
        Gate sameVariant = (candidate, current) -> candidate.variant().equals(current.variant())
                ? Gate.Verdict.accept("same variant") : Gate.Verdict.reject("variant changed");
        store.publish(Fixtures.MODEL, Fixtures.artifact(0.5), sameVariant);

        PublishResult other = store.publish(Fixtures.MODEL,
                new ArtifactBuilder("convncf", "mf").users(IdMap.of(List.of("u"))).items(IdMap.range(3)), sameVariant);

        assertThat(other).isEqualTo(new PublishResult(other.version(), false, "variant changed"));
    }
}
