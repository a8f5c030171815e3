package org.convncf.trainer.model.bpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import java.util.LinkedHashMap;
import java.util.Map;
import org.convncf.trainer.eval.Split;
import org.convncf.trainer.model.ComputeSettings;
import org.convncf.trainer.model.ModelFixtures;
import org.convncf.trainer.run.Experiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Micro-batches are a compute setting: splitting a step's forward/backward into smaller passes
 * gives the same step (the gradient is the same sum, up to float summation order).
 */
@Timeout(value = 120)
class MicroBatchTest {

    private final Split split = ModelFixtures.split(60);

    @Test
    void aConvNcfStepIsTheSameInMicroBatches() {
        // One batch holds every training interaction: one step, compared after it.
        Map<String, Map<String, String>> overrides = overrides(Map.of("batchSize", "100000"));
        try (BprModel whole = train("convncf-fism", overrides, 100_000);
                BprModel micro = train("convncf-fism", overrides, 37)) {
            assertThat(whole.history().epochs()).hasSize(1);
            assertClose(micro.itemTable(), whole.itemTable());
            assertClose(micro.userEmbedding().historyTable(), whole.userEmbedding().historyTable());
            whole.head().weights().forEach((name, w) -> assertClose(micro.head().weights().get(name), w));
            double loss = whole.history().epochs().get(0).loss();
            assertThat(micro.history().epochs().get(0).loss()).isCloseTo(loss, within(1e-5 * loss));
        }
    }

    @Test
    void aShallowModelTrainsTheSameOverAnEpochInMicroBatches() {
        // Without ReLUs there is no boundary for float-order differences to tip over: a whole epoch agrees.
        Map<String, Map<String, String>> overrides = overrides(Map.of());
        try (BprModel whole = train("fism", overrides, 100_000); BprModel micro = train("fism", overrides, 7)) {
            assertClose(micro.itemTable(), whole.itemTable());
            assertClose(micro.userEmbedding().historyTable(), whole.userEmbedding().historyTable());
        }
    }

    @Test
    void autoPassesAreSmallOnlyForHeadsWithAnInteractionMap() {
        ComputeSettings auto = new ComputeSettings("cpu", 0);
        Device cpu = Device.cpu();
        assertThat(BprTrainer.microBatch(auto, cpu, new ConvNcfHead(8, 4), 512)).isEqualTo(32);
        assertThat(BprTrainer.microBatch(auto, cpu, new TowerHead("oncf-mlp", TowerHead.Input.OUTER, 8, 2), 512))
                .isEqualTo(32);
        assertThat(BprTrainer.microBatch(auto, cpu, new DotHead(), 512)).isEqualTo(512);
        assertThat(BprTrainer.microBatch(auto, cpu, new TowerHead("mlp", TowerHead.Input.CONCAT, 8, 2), 512))
                .isEqualTo(512);
        assertThat(BprTrainer.microBatch(auto, cpu, new ConvNcfHead(8, 4), 16)).isEqualTo(16);
        // A GPU runs the whole batch in one pass; a configured size wins everywhere.
        assertThat(BprTrainer.microBatch(auto, Device.gpu(), new ConvNcfHead(8, 4), 512)).isEqualTo(512);
        assertThat(BprTrainer.microBatch(new ComputeSettings("cpu", 0, 37), cpu, new DotHead(), 512)).isEqualTo(37);
        assertThat(BprTrainer.microBatch(new ComputeSettings("cpu", 0, 37), Device.gpu(), new ConvNcfHead(8, 4), 512))
                .isEqualTo(37);
    }

    @Test
    void aNegativeMicroBatchIsRefused() {
        assertThatThrownBy(() -> new ComputeSettings("cpu", 0, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("micro-batch must be >= 1, or 0 for auto");
    }

    private static Map<String, Map<String, String>> overrides(Map<String, String> extra) {
        Map<String, String> settings = new LinkedHashMap<>(ModelFixtures.smallSettings());
        settings.put("channels", "8");
        settings.putAll(extra);
        return ModelFixtures.overrides(settings);
    }

    private BprModel train(String name, Map<String, Map<String, String>> overrides, int microBatch) {
        Experiment experiment = new Experiment(split, ModelFixtures.SEED, new ComputeSettings("cpu", 0, microBatch), 0,
                ModelFixtures.quiet(), overrides, false);
        return (BprModel) experiment.run(name).model();
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i)
                    .isCloseTo(expected[i], within(1e-4f * Math.max(1f, Math.abs(expected[i]))));
        }
    }
}
