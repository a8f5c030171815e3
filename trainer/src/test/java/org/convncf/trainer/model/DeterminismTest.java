package org.convncf.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.convncf.trainer.eval.Split;
import org.convncf.trainer.model.bpr.BprModel;
import org.convncf.trainer.model.bpr.ConvNcfHead;
import org.convncf.trainer.run.Experiment;
import org.convncf.trainer.run.ModelRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same seed gives the same model and exactly the same metrics on the CPU, run after run in one
 * JVM; another seed gives another model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DeterminismTest {

    private static final int USERS = 60;

    private Split split;
    private Map<String, Map<String, String>> overrides;

    @BeforeAll
    void setUp() {
        split = ModelFixtures.split(USERS);
        Map<String, String> settings = new java.util.LinkedHashMap<>(ModelFixtures.smallSettings());
        settings.put("channels", "8"); // K = 16, C = 8: small, and not a dead network after one epoch
        overrides = ModelFixtures.overrides(settings);
    }

    private record Outcome(ModelRun run, float[] items, float[] users, Map<String, float[]> head) {
    }

    private Outcome train(String name, long seed) {
        try (Experiment experiment = new Experiment(split, seed, ModelFixtures.cpu(), 0, ModelFixtures.quiet(), overrides)) {
            ModelRun run = experiment.run(name);
            BprModel model = (BprModel) run.model();
            float[] users = model.userEmbedding().userTable() != null ? model.userEmbedding().userTable().clone()
                    : model.userEmbedding().historyTable().clone();
            return new Outcome(run, model.itemTable().clone(), users, model.head().weights());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mf", "fism", "convncf-fism"})
    void sameSeedSameMetrics(String name) {
        Outcome first = train(name, 42L);
        Outcome second = train(name, 42L);
        // Not vacuous: the model ranks (a constant scorer would score 0 everywhere, ties counting against it).
        assertThat(first.run().test().get("HR@20")).as("%s test HR@20", name).isPositive();
        assertThat(second.run().validation().metrics()).as("%s validation", name)
                .isEqualTo(first.run().validation().metrics());
        assertThat(second.run().test().metrics()).as("%s test", name).isEqualTo(first.run().test().metrics());
        first.run().test().perUser().forEach((metric, values) ->
                assertThat(second.run().test().perUser().get(metric)).as("%s %s per user", name, metric)
                        .containsExactly(values));
        assertThat(second.run().model().history().epochs().get(0).loss()).as("%s epoch-1 loss", name)
                .isEqualTo(first.run().model().history().epochs().get(0).loss());
        assertThat(second.items()).as("%s item table", name).containsExactly(first.items());
        assertThat(second.users()).as("%s user table", name).containsExactly(first.users());
        assertThat(second.head().keySet()).containsExactlyElementsOf(first.head().keySet());
        first.head().forEach((k, v) -> assertThat(second.head().get(k)).as("%s %s", name, k).containsExactly(v));
        if (name.startsWith("convncf")) {
            assertThat(((BprModel) first.run().model()).head()).isInstanceOf(ConvNcfHead.class);
            assertThat(first.head()).containsKey("conv4_weight").doesNotContainKey("conv5_weight"); // K = 16: 4 layers
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mf"})
    void anotherSeedAnotherModel(String name) {
        Outcome a = train(name, 42L);
        Outcome b = train(name, 43L);
        assertThat(b.items()).isNotEqualTo(a.items());
        assertThat(b.run().test().perUser()).isNotEmpty();
        boolean metricsDiffer = !b.run().validation().metrics().equals(a.run().validation().metrics())
                || !b.run().test().metrics().equals(a.run().test().metrics());
        assertThat(metricsDiffer).as("validation or test metrics differ between seeds 42 and 43").isTrue();
    }
}
