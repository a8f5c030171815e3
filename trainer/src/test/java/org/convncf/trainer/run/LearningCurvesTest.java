package org.convncf.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.convncf.store.IdMap;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.eval.EvalResult;
import org.convncf.trainer.eval.SplitInfo;
import org.convncf.trainer.eval.Splits;
import org.convncf.trainer.model.Model;
import org.convncf.trainer.model.TrainingHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The per-epoch records as CSV, JSON and PNG, and the run outputs that hold them. */
class LearningCurvesTest {

    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** Three epochs; the second was not validated; the third was selected. */
    static final TrainingHistory HISTORY = new TrainingHistory(List.of(
            new TrainingHistory.Epoch(1, 0.6931471805, 1.25, 0.5, 0.25),
            new TrainingHistory.Epoch(2, 0.5, 1.0, Double.NaN, Double.NaN),
            new TrainingHistory.Epoch(3, 0.4000004, 0.9, 0.6, 0.3125)), 3, false);

    @Test
    void csvHasAHeaderAndOneRowPerEpoch() {
        String csv = LearningCurves.csv(HISTORY);
        assertThat(csv.split("\\R")).containsExactly(
                "epoch,loss,seconds,validation_hr10,validation_ndcg10,selected",
                "1,0.693147,1.250,0.500000,0.250000,false",
                "2,0.500000,1.000,,,false",
                "3,0.400000,0.900,0.600000,0.312500,true");
        assertThat(csv).endsWith(System.lineSeparator());
        assertThat(LearningCurves.csv(TrainingHistory.NONE)).isEqualTo(
                "epoch,loss,seconds,validation_hr10,validation_ndcg10,selected\n");
    }

    @Test
    void theCsvReadsBackAsTheHistoryToItsPrintedDigits(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("epochs.csv"), LearningCurves.csv(HISTORY));
        TrainingHistory read = LearningCurves.readCsv(file);
        assertThat(read.selectedEpoch()).isEqualTo(3);
        assertThat(read.epochs()).hasSize(3);
        assertThat(read.epochs().get(0)).isEqualTo(new TrainingHistory.Epoch(1, 0.693147, 1.25, 0.5, 0.25));
        assertThat(read.epochs().get(1).evaluated()).isFalse();
        assertThat(LearningCurves.csv(read)).isEqualTo(LearningCurves.csv(HISTORY));

        Files.writeString(file, LearningCurves.csv(HISTORY).replace("2,0.500000,", "2,half,"));
        assertThatThrownBy(() -> LearningCurves.readCsv(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ":3: ");
        Files.writeString(file, LearningCurves.csv(HISTORY).replace(",false\n", "\n"));
        assertThatThrownBy(() -> LearningCurves.readCsv(file)).hasMessageContaining(":2: expected 6 fields, got 5");
    }

    @Test
    void jsonIsAnArrayOfEpochRecordsWithNullForUnvalidatedEpochs() {
        String json = LearningCurves.json(HISTORY);
        JsonNode root = JsonMapper.builder().build().readTree(json);
        assertThat(root.isArray()).isTrue();
        assertThat(root.size()).isEqualTo(3);
        JsonNode first = root.get(0);
        assertThat(first.get("epoch").asInt()).isEqualTo(1);
        assertThat(first.get("loss").asDouble()).isEqualTo(0.693147);
        assertThat(first.get("seconds").asDouble()).isEqualTo(1.25);
        assertThat(first.get("validationHr10").asDouble()).isEqualTo(0.5);
        assertThat(first.get("validationNdcg10").asDouble()).isEqualTo(0.25);
        assertThat(first.get("selected").asBoolean()).isFalse();
        assertThat(root.get(1).get("validationHr10").isNull()).isTrue();
        assertThat(root.get(1).get("validationNdcg10").isNull()).isTrue();
        assertThat(root.get(2).get("selected").asBoolean()).isTrue();
        assertThat(root.get(2).get("validationNdcg10").asDouble()).isEqualTo(0.3125);
        assertThat(JsonMapper.builder().build().readTree(LearningCurves.json(TrainingHistory.NONE)).size()).isZero();
    }

    @Test
    void pngIsAPngImage() throws IOException {
        byte[] png = LearningCurves.png("mf on test data", HISTORY);
        assertThat(Arrays.copyOf(png, 8)).containsExactly(PNG_SIGNATURE);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(500);
        // One epoch, and none at all, still draw.
        TrainingHistory one = new TrainingHistory(List.of(new TrainingHistory.Epoch(1, 0.69, 0.1, 0.1, 0.05)), 1, false);
        assertThat(Arrays.copyOf(LearningCurves.png("one", one), 8)).containsExactly(PNG_SIGNATURE);
        assertThat(Arrays.copyOf(LearningCurves.png("none", TrainingHistory.NONE), 8)).containsExactly(PNG_SIGNATURE);
        assertThat(LearningCurves.pngIfDrawable("mf on test data", HISTORY)).hasValueSatisfying(
                drawn -> assertThat(drawn).isEqualTo(png));
    }

    @Test
    void aJvmThatCannotDrawSkipsTheChartInsteadOfEndingTheRun() {
        // What AWT throws on a headless machine without fonts or without libfreetype.
        assertThat(LearningCurves.drawn("mf", () -> {
            throw new RuntimeException("Fontconfig head is null, check your fonts or fonts configuration");
        })).isEmpty();
        assertThat(LearningCurves.drawn("mf", () -> {
            throw new InternalError("java.lang.reflect.InvocationTargetException");
        })).isEmpty();
        assertThat(LearningCurves.drawn("mf", () -> {
            throw new UnsatisfiedLinkError("libfontmanager.so: libfreetype.so.6: cannot open shared object file");
        })).isEmpty();
        // Anything else is not swallowed.
        assertThatThrownBy(() -> LearningCurves.drawn("mf", () -> {
            throw new OutOfMemoryError("Java heap space");
        })).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void runOutputsWriteTheTablePerUserMetricsAndCurvesOfIterativeModelsOnly(@TempDir Path dir) throws IOException {
        Interactions tiny = Interactions.ofCsr(IdMap.range(2), IdMap.range(6), new int[] {0, 3, 6},
                new int[] {0, 1, 2, 3, 4, 5}, null);
        SplitInfo info = Splits.leaveOneOut("tiny", tiny, 2, 1L).info();
        Map<String, Double> values = new java.util.LinkedHashMap<>();
        values.put("HR@10", 0.5);
        values.put("NDCG@10", 0.25);
        Map<String, double[]> perUser = Map.of("HR@10", new double[] {1, 0}, "NDCG@10", new double[] {0.5, 0});
        EvalResult metrics = new EvalResult(values, perUser, 2, 6, 0.0);
        ModelRun iterative = new ModelRun("mf", model("mf", HISTORY), metrics, metrics, metrics, 1.5);
        ModelRun closedForm = new ModelRun("itempop", model("itempop", TrainingHistory.NONE), metrics, metrics, null, 0.0);
        Path out = dir.resolve("out");

        RunOutputs.write(out, info, List.of(closedForm, iterative), 3);

        String results = Files.readString(out.resolve("results.md"));
        assertThat(results).startsWith("Split: " + info.describe());
        assertThat(results).contains("| itempop | 0.5000 | 0.2500 | 0.0 |", "| mf | 0.5000 | 0.2500 | 1.5 |");
        assertThat(results).contains("| model | HR@10 | NDCG@10 | train s |", "Paper-style test metrics");
        assertThat(results).endsWith("\nProduced by " + Provenance.current().describe(3) + ".\n");
        assertThat(Files.readString(out.resolve("mf/epochs.csv"))).isEqualTo(LearningCurves.csv(HISTORY));
        assertThat(Files.readString(out.resolve("mf/epochs.json"))).isEqualTo(LearningCurves.json(HISTORY));
        assertThat(Arrays.copyOf(Files.readAllBytes(out.resolve("mf/learning-curve.png")), 8)).containsExactly(PNG_SIGNATURE);
        assertThat(PerUserMetrics.read(out.resolve("itempop/test-per-user.csv.gz"))).containsOnlyKeys("HR@10", "NDCG@10");
        assertThat(out.resolve("itempop/epochs.csv")).doesNotExist();
    }

    private static Model model(String name, TrainingHistory history) {
        return new Model() {
            @Override
            public String algorithm() {
                return name;
            }

            @Override
            public Map<String, Object> hyperParameters() {
                return Map.of();
            }

            @Override
            public TrainingHistory history() {
                return history;
            }

            @Override
            public void scorePairs(int[] users, int[] items, int n, float[] out) {
            }

            @Override
            public void scoreAllItems(int user, float[] out) {
            }
        };
    }
}
