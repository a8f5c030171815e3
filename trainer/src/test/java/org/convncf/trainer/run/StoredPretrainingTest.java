package org.convncf.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.convncf.nn.ServingModel;
import org.convncf.store.Gate;
import org.convncf.store.ModelStore;
import org.convncf.trainer.eval.Split;
import org.convncf.trainer.eval.Splits;
import org.convncf.trainer.model.ModelFixtures;
import org.convncf.trainer.model.bpr.BprModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pre-training from a model-store version: FISM trained and published once (ml-100k users 1..100,
 * one quick epoch), then read back into a new experiment on the same split, where it must score
 * exactly as it did and hand ConvNCF the very tables it was trained to; any other split is refused.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StoredPretrainingTest {

    private static final int USERS = 100;

    @TempDir
    static Path store;

    private static Split split;
    private static ModelRun trained;
    private static BprModel trainedModel;

    @BeforeAll
    static void trainAndPublishFism() {
        split = ModelFixtures.split(USERS);
        // Left open: the tests compare against the trained model's tables.
        Experiment experiment = experiment(split);
        trained = experiment.run("fism");
        trainedModel = (BprModel) trained.model();
        ModelPublisher publisher = new ModelPublisher(new ModelStore(store));
        publisher.publish("fism", trained, split, dep -> experiment.run(dep).model(), Gate.always(), Map.of());
        // A ConvNCF model published under the name of its counterpart: refused below.
        publisher.publish("mf", experiment.run("convncf-fism"), split, dep -> experiment.run(dep).model(), Gate.always(),
                Map.of());
    }

    private static Experiment experiment(Split split) {
        return new Experiment(split, ModelFixtures.SEED, ModelFixtures.cpu(), 0, ModelFixtures.quiet(),
                ModelFixtures.overrides(ModelFixtures.smallSettings()), false);
    }

    @Test
    void theStoredModelScoresAsTrainedAndConvNcfPreTrainsFromItsTables() {
        StoredPretraining stored = StoredPretraining.load(store, "fism", null, split);
        assertThat(stored.origin()).startsWith("fism version ");
        assertThat(stored.trainSeconds()).isEqualTo(trained.trainSeconds());
        BprModel model = stored.model();
        assertThat(model.itemTable()).containsExactly(trainedModel.itemTable());
        assertThat(model.userEmbedding().historyTable()).containsExactly(trainedModel.userEmbedding().historyTable());
        assertThat(model.userEmbedding().kind()).isEqualTo(trainedModel.userEmbedding().kind());
        assertThat(model.userEmbedding().alpha()).isEqualTo(trainedModel.userEmbedding().alpha());
        assertThat(model.history().epochs()).hasSameSizeAs(trainedModel.history().epochs());
        assertThat(model.history().selectedEpoch()).isEqualTo(trainedModel.history().selectedEpoch());
        assertThat(model.history().stoppedEarly()).isEqualTo(trainedModel.history().stoppedEarly());
        assertThat(model.history().kernel()).as("a shallow model names no network kernel").isEmpty();

        try (Experiment experiment = experiment(split).importModel(stored)) {
            assertThat(experiment.isImported("fism")).isTrue();
            ModelRun fism = experiment.run("fism");
            assertThat(fism.model()).isSameAs(model);
            assertThat(fism.validation().metrics()).isEqualTo(trained.validation().metrics());
            assertThat(fism.test().metrics()).isEqualTo(trained.test().metrics());

            ModelRun convNcf = experiment.run("convncf-fism");
            assertThat(convNcf.model().history().epochs()).hasSize(1);
            assertThat(experiment.runs()).extracting(ModelRun::algorithm).containsExactly("fism", "convncf-fism");
            assertThatThrownBy(() -> experiment.tune("fism", List.of(Map.of("lrEmbedding", "0.1")), (t, b) -> { }))
                    .hasMessageContaining("fism is read from a model store in this run");
            assertThatThrownBy(() -> experiment.importModel(stored)).hasMessageContaining("before the first run");
        }
    }

    @Test
    void aVersionTrainedOnAnotherSplitIsRefused() {
        Split otherSeed = Splits.leaveOneOut("ml-100k (users 1.." + USERS + ")", ModelFixtures.ml100kUsers(USERS),
                ModelFixtures.NEGATIVES, ModelFixtures.SEED + 1);
        assertThatThrownBy(() -> StoredPretraining.load(store, "fism", null, otherSeed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was trained on another split")
                .hasMessageContaining("seed: 42 there, 43 here")
                .hasMessageContaining("leak");
        assertThatThrownBy(() -> StoredPretraining.load(store, "fism", null, ModelFixtures.split(USERS - 1)))
                .hasMessageContaining("was trained on another split").hasMessageContaining("users: 100 there, 99 here");
    }

    @Test
    void onlyAShallowModelOfTheNamedAlgorithmIsRead() {
        assertThatThrownBy(() -> StoredPretraining.load(store, "mf", null, split))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds a 'convncf-fism' model, not mf");
        assertThatThrownBy(() -> StoredPretraining.load(store, "convncf-fism", null, split))
                .hasMessageContaining("only the shallow embedding models");
        assertThatThrownBy(() -> StoredPretraining.load(store, "svdpp", null, split))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read svdpp from the model store")
                .hasMessageContaining("no current version");
        assertThatThrownBy(() -> StoredPretraining.load(store, "fism", "20260101T000000.000Z-abcdef", split))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read fism");
    }

    @Test
    void theStoredTrainingInteractionsMustBeThisSplitsOneByOne() {
        ServingModel stored = ServingModel.read(new ModelStore(store).openCurrent("fism"));
        int[] offsets = stored.historyOffsets();
        int[] items = stored.historyItems();
        assertThat(StoredPretraining.sameTrainingData(offsets, items, split.train())).isTrue();

        int[] otherItem = items.clone();
        otherItem[items.length / 2] = (otherItem[items.length / 2] + 1) % split.train().numItems();
        assertThat(StoredPretraining.sameTrainingData(offsets, otherItem, split.train())).isFalse();
        int[] movedBoundary = offsets.clone();
        movedBoundary[1]++;
        assertThat(StoredPretraining.sameTrainingData(movedBoundary, items, split.train())).isFalse();
        assertThat(StoredPretraining.sameTrainingData(offsets, Arrays.copyOf(items, items.length - 1), split.train()))
                .isFalse();
    }

    @Test
    void differencesCompareNumbersByTheirJsonText() {
        assertThat(StoredPretraining.differences(Map.of("seed", 42, "users", 10), Map.of("seed", 42L, "users", 10)))
                .isEmpty();
        assertThat(StoredPretraining.differences(Map.of("seed", 42), Map.of("seed", 42L, "dataset", "x")))
                .containsExactly("dataset: null there, x here");
    }
}
