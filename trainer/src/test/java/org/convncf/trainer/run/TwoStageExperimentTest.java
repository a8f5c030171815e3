package org.convncf.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.convncf.trainer.data.CsvReader;
import org.convncf.trainer.data.DataFormat;
import org.convncf.trainer.data.DatasetLoader;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.eval.CandidateStage;
import org.convncf.trainer.eval.Protocol;
import org.convncf.trainer.eval.Split;
import org.convncf.trainer.eval.Splits;
import org.convncf.trainer.model.ModelFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ConvNCF under full ranking, evaluated as served: candidates from its pre-training model, CNN
 * re-ranking, at several C; ml-100k users 1..100 written as a LightGCN-format given split (each
 * user's latest three ratings held out), one quick epoch.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TwoStageExperimentTest {

    @TempDir
    Path dir;

    @Test
    void convNcfIsTestedTwoStageAtEveryCAndComparedWithItsRetrievalModel() throws IOException {
        Split split = Splits.given(givenSplit(), Protocol.FULL_RANKING, 0, ModelFixtures.SEED);
        try (Experiment experiment = new Experiment(split, ModelFixtures.SEED, ModelFixtures.cpu(), 0, ModelFixtures.quiet(),
                ModelFixtures.overrides(ModelFixtures.smallSettings()), false)) {
            experiment.withTwoStage(new TwoStage(new int[] {200, 50}, 0.1));
            ModelRun mf = experiment.run("mf");
            ModelRun convNcf = experiment.run("convncf-mf");

            List<TwoStageRun> served = experiment.twoStageRuns();
            assertThat(served).extracting(TwoStageRun::candidates).containsExactly(50, 200);
            assertThat(served).allSatisfy(t -> assertThat(t.retrieval()).isEqualTo("mf"));
            // More candidates can only contain more of the test items (the sets nest).
            assertThat(served.get(1).candidateRecall()).isGreaterThanOrEqualTo(served.get(0).candidateRecall());
            assertThat(served.get(0).candidateRecall()).isGreaterThan(0.0);
            // The run's test result is the largest C's, the configuration validation selected with.
            assertThat(convNcf.test().metrics()).isEqualTo(served.get(1).test().metrics());
            assertThat(convNcf.test().metrics()).containsKeys("Recall@20", "NDCG@20");
            // A re-ranked list can hold at most the candidates' test items.
            for (TwoStageRun t : served) {
                assertThat(t.test().get("Recall@20")).isLessThanOrEqualTo(t.candidateRecall() + 1e-12);
            }
            assertThat(mf.test().metrics()).containsKey("Recall@20"); // shallow models: every item scored

            String table = ResultsTable.markdown(split.info(), List.of(mf, convNcf), served);
            assertThat(table)
                    .contains("| convncf-mf (two-stage: 200 from mf) |")
                    .contains("| convncf-mf | mf | 50 |")
                    .contains("| convncf-mf | mf | 200 |")
                    .contains("Paired tests on the test users")
                    .contains("| convncf-mf | mf | ");
        }
    }

    @Test
    void anotherFirstStageGivesTheCandidatesWhenOneIsNamed() throws IOException {
        Split split = Splits.given(givenSplit(), Protocol.FULL_RANKING, 0, ModelFixtures.SEED);
        try (Experiment experiment = new Experiment(split, ModelFixtures.SEED, ModelFixtures.cpu(), 0, ModelFixtures.quiet(),
                ModelFixtures.overrides(ModelFixtures.smallSettings()), false)) {
            experiment.withTwoStage(new TwoStage(new int[] {50}, 0.1, "itempop"));
            ModelRun popular = experiment.run("itempop");
            experiment.run("convncf-mf");

            TwoStageRun served = experiment.twoStageRuns().get(0);
            assertThat(served.retrieval()).isEqualTo("itempop");
            // The named model's candidates, not those of convncf-mf's pre-training model (mf).
            assertThat(served.candidateRecall()).isEqualTo(split.evaluateTest(
                    new CandidateStage(popular.model(), split.train(), 0.1).membership(50), 50).get("Recall@50"));
            assertThat(experiment.runs()).extracting(ModelRun::algorithm).contains("mf");
            assertThat(served.candidateRecall()).isNotEqualTo(split.evaluateTest(
                    new CandidateStage(experiment.run("mf").model(), split.train(), 0.1).membership(50), 50).get("Recall@50"));
            assertThat(experiment.trialContext("convncf-mf", Map.of())).containsEntry("twoStage.retrieval", "itempop");
        }
        assertThatThrownBy(() -> new TwoStage(new int[] {100}, 0.1, "convncf-svdpp"))
                .hasMessageContaining("would have the CNN score every item");
    }

    @Test
    void twoStageIsRejectedBelowTheLargestCutoffAndAfterTheFirstRun() {
        assertThatThrownBy(() -> new TwoStage(new int[] {10}, 0.1)).hasMessageContaining(">= 20");
        assertThatThrownBy(() -> new TwoStage(new int[] {100}, 1.5)).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> new TwoStage(new int[0], 0.1)).hasMessageContaining("at least one");
        Split split = ModelFixtures.split(20);
        try (Experiment experiment = new Experiment(split, ModelFixtures.SEED, ModelFixtures.cpu(), 0, ModelFixtures.quiet(),
                ModelFixtures.overrides(Map.of("epochs", "1")), false)) {
            experiment.run("itempop");
            assertThatThrownBy(() -> experiment.withTwoStage(new TwoStage(new int[] {100}, 0.1)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    /** Users 1..100 of ml-100k as train.txt/test.txt: the latest three ratings of each user are its test items. */
    private org.convncf.trainer.data.LoadedDataset givenSplit() throws IOException {
        Interactions all = ModelFixtures.ml100kUsers(100);
        StringBuilder train = new StringBuilder();
        StringBuilder test = new StringBuilder();
        for (int u = 0; u < all.numUsers(); u++) {
            train.append(u);
            test.append(u);
            int firstTest = all.end(u) - 3;
            for (int k = all.start(u); k < all.end(u); k++) {
                (k < firstTest ? train : test).append(' ').append(all.itemAt(k));
            }
            train.append('\n');
            test.append('\n');
        }
        Files.writeString(dir.resolve("train.txt"), train);
        Files.writeString(dir.resolve("test.txt"), test);
        return DatasetLoader.load(dir, DataFormat.AUTO, CsvReader.Options.DEFAULT);
    }
}
