package org.convncf.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.EngineException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.convncf.nn.ServingModel;
import org.convncf.nn.UserEmbeddingKind;
import org.convncf.store.ModelStore;
import org.convncf.trainer.run.Provenance;
import org.convncf.trainer.run.TrialRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code trainer} command line through {@link TrainerCli#run}: exit codes, what it prints, what
 * it writes and publishes, and one clear line (no stack trace) for every kind of bad input.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TrainerCliTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path tmp;

    /** Exit code and captured output of one run. */
    record Result(int code, String out, String err) {
        List<String> errorLines() {
            return err.lines().filter(l -> l.startsWith("error: ")).toList();
        }
    }

    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int code = TrainerCli.run(args);
            o.flush();
            e.flush();
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            oldErr.print(err.toString(StandardCharsets.UTF_8)); // keep it in the test log
        }
    }

    /** Exit code 2, exactly one {@code error: } line holding {@code fragments}, and no stack trace. */
    static void assertBadInput(Result r, String... fragments) {
        assertThat(r.code()).as("exit code; stderr:%n%s", r.err()).isEqualTo(2);
        assertThat(r.errorLines()).as("stderr:%n%s", r.err()).hasSize(1);
        assertThat(r.errorLines().get(0)).contains(fragments);
        assertThat(r.err()).doesNotContain("Exception").doesNotContainPattern("(?m)^\\s+at ");
        assertThat(r.out()).doesNotContain("published");
    }

    // ------------------------------------------------------------------ success

    @Test
    void trainPublishesTheModelAndWritesResultsAndCurves() throws Exception {
        Path store = tmp.resolve("store");
        Path out = tmp.resolve("out");
        Result r = run("train", "--data", "synthetic", "--model", "svdpp", "--set", "epochs=1", "--set", "factors=8",
                "--store", store.toString(), "--out", out.toString());

        assertThat(r.code()).as("stderr:%n%s", r.err()).isZero();
        assertThat(r.out()).contains("| svdpp |").containsPattern("published svdpp version \\S+ \\(now current\\)");
        ModelStore models = new ModelStore(store);
        assertThat(models.models()).containsExactly("svdpp");
        assertThat(models.currentVersion("svdpp")).isPresent();
        ServingModel served = ServingModel.read(models.openCurrent("svdpp"));
        assertThat(served.isConvNcf()).isFalse();
        assertThat(served.scoring().users().kind()).isEqualTo(UserEmbeddingKind.SVDPP);
        assertThat(served.scoring().dim()).isEqualTo(8);
        assertThat(served.users().size()).isEqualTo(1000);
        assertThat(served.manifest().hyperParameters()).containsEntry("epochs", 1);
        assertThat(served.manifest().metric("test", "HR@10")).isPresent();
        // Which build on which machine trained it.
        assertThat(served.manifest().engine()).containsEntry("trainerCommit", Provenance.current().commit())
                .containsEntry("cpu", Provenance.current().cpu()).containsKey("vectorBits");

        assertThat(Files.readString(out.resolve("results.md"))).contains("Split: synthetic", "| svdpp |",
                "\nProduced by trainer " + Provenance.current().build() + "; Java ");
        List<String> csv = Files.readAllLines(out.resolve("svdpp/epochs.csv"));
        assertThat(csv).hasSize(2);
        assertThat(csv.get(0)).isEqualTo("epoch,loss,seconds,validation_hr10,validation_ndcg10,selected");
        assertThat(csv.get(1)).startsWith("1,").endsWith(",true");
        assertThat(out.resolve("svdpp/epochs.json")).isRegularFile();
        assertThat(Arrays.copyOf(Files.readAllBytes(out.resolve("svdpp/learning-curve.png")), 8)).containsExactly(PNG_SIGNATURE);
    }

    @Test
    void evaluatePrintsAMarkdownTableWithARowPerModel() {
        Result r = run("evaluate", "--data", "synthetic", "--model", "itempop,mf", "--set", "epochs=1", "--set",
                "factors=8", "--negatives", "99");
        assertThat(r.code()).as("stderr:%n%s", r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("Split: synthetic");
        assertThat(lines).contains("| model | HR@5 | HR@10 | HR@20 | NDCG@5 | NDCG@10 | NDCG@20 | train s |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        assertThat(lines).anyMatch(l -> l.matches("\\| itempop( \\| \\d\\.\\d{4}){6} \\| \\d+\\.\\d \\|"));
        assertThat(lines).anyMatch(l -> l.matches("\\| mf( \\| \\d\\.\\d{4}){6} \\| \\d+\\.\\d \\|"));
        assertThat(r.out()).doesNotContain("published");
    }

    @Test
    void evaluateWithSeveralSeedsReportsMeanAndDeviationAndKeepsEachSeedsOutputs() throws IOException {
        Path out = tmp.resolve("seeds");
        Result r = run("evaluate", "--data", "synthetic", "--model", "itempop,mf", "--set", "epochs=1", "--set",
                "factors=8", "--negatives", "99", "--seeds", "1,2", "--out", out.toString());
        assertThat(r.code()).as("stderr:%n%s", r.err()).isZero();
        assertThat(r.out()).contains("Seeds: [1, 2]");
        // The split's negatives differ per seed, so ItemPop's figures vary: a mean and a deviation.
        assertThat(r.out().lines()).anyMatch(l -> l.matches("\\| itempop \\| 2( \\| \\d\\.\\d{4} ± \\d\\.\\d{4}){6} \\| .*"));
        assertThat(out.resolve("results.md")).content().isEqualTo(r.out());
        assertThat(out.resolve("seed-1/results.md")).content().contains("seed 1");
        assertThat(out.resolve("seed-2/mf/epochs.csv")).isRegularFile();
    }

    @Test
    void tuneWritesEveryConfigurationsRowAndTestsOnlyTheSelectedOne() throws IOException {
        Path out = tmp.resolve("tune");
        Result r = run("tune", "--data", "synthetic", "--model", "itemknn", "--grid", "topK=5,50", "--grid",
                "shrink=0,10", "--negatives", "99", "--out", out.toString());
        assertThat(r.code()).as("stderr:%n%s", r.err()).isZero();
        String tuning = Files.readString(out.resolve("tuning.md"));
        assertThat(r.out()).startsWith(tuning);
        assertThat(tuning).startsWith("Grid search for itemknn (4 configurations, selected on validation NDCG@10)");
        assertThat(tuning.lines().filter(l -> l.matches("\\| \\{topK=\\d+, shrink=\\d+} \\|( \\d\\.\\d{4} \\|){2} - \\|.*")))
                .hasSize(4);
        assertThat(tuning.lines().filter(l -> l.endsWith("| selected |"))).hasSize(1);
        // One test row per table (metrics, popularity strata): the selected configuration's.
        List<String> rows = Files.readAllLines(out.resolve("results.md")).stream()
                .filter(l -> l.startsWith("| ") && !l.startsWith("| model |") && !l.startsWith("| --- |")).toList();
        assertThat(rows).hasSize(2).allMatch(l -> l.startsWith("| itemknn |"));
        // Not trained by epochs: no curves, but each configuration's record, for --resume.
        for (String trial : List.of("topK=5,shrink=0", "topK=5,shrink=10", "topK=50,shrink=0", "topK=50,shrink=10")) {
            assertThat(TrialRecord.read(out.resolve("trials").resolve(trial)).orElseThrow().provenance())
                    .containsEntry("trainerCommit", Provenance.current().commit()).containsEntry("engineThreads", "0")
                    .doesNotContainKey("kernel"); // no network
            assertThat(out.resolve("trials").resolve(trial).resolve("epochs.csv")).doesNotExist();
        }
    }

    @Test
    void tuneResumesAStoppedGridWithoutTrainingItsFinishedConfigurations() throws IOException {
        String[] mf = {"tune", "--data", "synthetic", "--model", "mf", "--set", "epochs=2", "--set", "factors=8", "--set",
            "patience=0", "--negatives", "99"};
        Path fresh = tmp.resolve("fresh");
        Result whole = run(concat(mf, "--grid", "lrEmbedding=0.02,0.05,0.1", "--out", fresh.toString()));
        assertThat(whole.code()).as("stderr:%n%s", whole.err()).isZero();
        assertThat(whole.err()).contains("training mf on synthetic with {epochs=2, factors=8, patience=0, lrEmbedding=0.02}");
        Path resumed = tmp.resolve("resumed");
        // A run stopped after its first configuration left what a one-configuration grid leaves.
        assertThat(run(concat(mf, "--grid", "lrEmbedding=0.02", "--out", resumed.toString())).code()).isZero();

        Result rest = run(concat(mf, "--grid", "lrEmbedding=0.02,0.05,0.1", "--out", resumed.toString(), "--resume"));

        assertThat(rest.code()).as("stderr:%n%s", rest.err()).isZero();
        assertThat(rest.err()).contains("Resuming: 1 of 3 configurations finished by an earlier run")
                .doesNotContain("training mf on synthetic with {epochs=2, factors=8, patience=0, lrEmbedding=0.02}")
                .doesNotContain("warning:"); // the same build and machine
        // Every configuration's validation figures, the selection and its test row are the uninterrupted grid's.
        assertThat(validationColumns(resumed)).isEqualTo(validationColumns(fresh));
        assertThat(testRow(resumed)).isEqualTo(testRow(fresh));
        assertThat(Files.readString(resumed.resolve("tuning.md"))).contains("from an earlier run");

        // A finished configuration that is selected was not kept: it is trained again to be tested.
        String notSelected = validationColumns(fresh).stream().filter(l -> !l.contains("selected")).findFirst().orElseThrow();
        String settings = notSelected.substring(notSelected.indexOf('{') + 1, notSelected.indexOf('}'));
        Path record = resumed.resolve("trials").resolve(settings).resolve("trial.properties");
        Files.writeString(record, Files.readString(record).replaceAll("(?m)^validation\\.NDCG@10=.*$", "validation.NDCG@10=0.99")
                .replaceAll("(?m)^provenance\\.java=.*$", "provenance.java=11.0.0+0"));

        Result again = run(concat(mf, "--grid", "lrEmbedding=0.02,0.05,0.1", "--out", resumed.toString(), "--resume"));

        assertThat(again.code()).as("stderr:%n%s", again.err()).isZero();
        assertThat(again.err()).contains("Resuming: 3 of 3", "{" + settings + "}: selected; training it again to score it on test",
                "warning: " + record.getParent() + " was trained by another build or machine (java: 11.0.0+0 there, "
                        + Provenance.current().java() + " here)");
        assertThat(validationColumns(resumed)).filteredOn(l -> l.contains("{" + settings + "}"))
                .containsExactly(notSelected.replace("|  |", "| selected |"));
        assertThat(testRow(resumed)).isNotEmpty();
    }

    @Test
    void tuneRefusesToResumeUnderOtherConditions() throws IOException {
        Path out = tmp.resolve("tune-resume");
        String[] itemknn = {"tune", "--data", "synthetic", "--model", "itemknn", "--grid", "topK=5,50", "--negatives", "99"};
        assertThat(run(concat(itemknn, "--out", out.toString())).code()).isZero();

        assertBadInput(run(concat(itemknn, "--out", out.toString(), "--resume", "--set", "itemknn.shrink=5")),
                "cannot resume: ", "trials" + java.io.File.separator + "topK=5 was tuned under other conditions"
                        + " (hyperParameters.shrink: 10.0 there, 5.0 here)", "leave out --resume to start over");
        assertBadInput(run(concat(itemknn, "--out", out.toString(), "--resume", "--seed", "7")), "split.seed: 42 there, 7 here",
                "seed: 42 there, 7 here");
        assertBadInput(run(concat(itemknn, "--resume")), "--resume needs the --out directory");
    }

    /** The rows of tuning.md without their training times: configuration, validation figures, epochs, mark. */
    private static List<String> validationColumns(Path tuneOut) throws IOException {
        return Files.readAllLines(tuneOut.resolve("tuning.md")).stream().filter(l -> l.startsWith("| {"))
                .map(l -> l.replaceAll("\\| [0-9.]+ \\| ([^|]*)\\|$", "| $1|").replace(", from an earlier run", "")
                        .replace("| from an earlier run |", "|  |"))
                .toList();
    }

    /** The test metrics of the selected configuration in results.md (without its training time). */
    private static String testRow(Path tuneOut) throws IOException {
        String row = Files.readAllLines(tuneOut.resolve("results.md")).stream().filter(l -> l.startsWith("| mf |"))
                .findFirst().orElse("");
        return row.isEmpty() ? row : row.substring(0, row.lastIndexOf("|", row.length() - 2));
    }

    @Test
    void tunePublishesTheSelectedModelSoThatItCanBePreTrainedFromWithoutTrainingItAgain() throws IOException {
        Path store = tmp.resolve("store");
        Path out = tmp.resolve("tune-store");
        String[] split = {"--data", "synthetic", "--negatives", "99", "--paper-style", "false"};
        Result r = run(concat(concat(new String[] {"tune", "--model", "mf", "--grid", "lrEmbedding=0.02,0.1", "--set",
            "epochs=2", "--set", "factors=8", "--set", "patience=0"}, split), "--out", out.toString(), "--store",
                store.toString()));

        assertThat(r.code()).as("stderr:%n%s", r.err()).isZero();
        assertThat(r.out()).containsPattern("published mf version \\S+ \\(now current\\)");
        String selected = Files.readAllLines(out.resolve("tuning.md")).stream().filter(l -> l.endsWith("| selected |"))
                .findFirst().orElseThrow();
        String rate = selected.substring(selected.indexOf("lrEmbedding=") + "lrEmbedding=".length(), selected.indexOf('}'));
        ServingModel served = ServingModel.read(new ModelStore(store).openCurrent("mf"));
        assertThat(served.manifest().hyperParameters()).containsEntry("lrEmbedding", Double.parseDouble(rate));
        assertThat(served.manifest().training()).containsEntry("tuning",
                "selected on validation NDCG@10 from 2 configurations: lrEmbedding=0.02,0.1");
        assertThat(served.manifest().metric("validation", "NDCG@10").orElseThrow())
                .isEqualTo(Double.parseDouble(selected.split(" \\| ")[2]), within(5e-5));

        // Read back, the stored selection scores on test exactly as the grid's did.
        Result read = run(concat(new String[] {"evaluate", "--model", "mf", "--pretrained", "mf=" + store}, split));
        assertThat(read.code()).as("stderr:%n%s", read.err()).isZero();
        assertThat(read.err()).contains("mf: not trained here; read from mf version ");
        assertThat(row(read.out(), "mf")).isEqualTo(row(Files.readString(out.resolve("results.md")), "mf"));
    }

    @Test
    void tuneRefusesPublishingOptionsWithoutAStoreAndUnservableModelsBeforeTraining() {
        String[] itempop = {"tune", "--data", "synthetic", "--model", "itempop", "--grid", "epochs=1,2"};
        assertBadInput(run(concat(itempop, "--name", "popular")), "--name and --gate say how to publish", "give --store too");
        assertBadInput(run(concat(itempop, "--store", tmp.resolve("s").toString())),
                "itempop cannot be published for serving");
        assertBadInput(run("tune", "--data", "synthetic", "--model", "mf", "--grid", "epochs=1", "--store",
                tmp.resolve("s").toString(), "--gate", "NDCG@10"), "--gate expects SECTION:METRIC");
        assertThat(new ModelStore(tmp.resolve("s")).models()).isEmpty();
    }

    @Test
    void tuneKeepsTheLearningCurveOfEveryConfiguration() throws IOException {
        Path out = tmp.resolve("tune-mf");
        Result r = run("tune", "--data", "synthetic", "--model", "mf", "--grid", "lrEmbedding=0.02,0.05", "--set",
                "epochs=2", "--set", "factors=8", "--set", "patience=0", "--negatives", "99", "--out", out.toString());
        assertThat(r.code()).as("stderr:%n%s", r.err()).isZero();
        for (String trial : List.of("lrEmbedding=0.02", "lrEmbedding=0.05")) {
            List<String> csv = Files.readAllLines(out.resolve("trials").resolve(trial).resolve("epochs.csv"));
            assertThat(csv).hasSize(3).first().asString().startsWith("epoch,loss,");
            assertThat(out.resolve("trials").resolve(trial).resolve("epochs.json")).isRegularFile();
        }
        // The selected one's curve is also the model's, as in evaluate.
        assertThat(out.resolve("mf/epochs.csv")).isRegularFile();
    }

    @Test
    void anOutPathThatIsAFileIsRefusedBeforeAnyTraining() throws IOException {
        Path file = Files.writeString(tmp.resolve("results"), "not a directory");
        String below = file.resolve("run").toString();
        Result train = run("train", "--data", "synthetic", "--model", "mf", "--store", tmp.resolve("store").toString(),
                "--out", file.toString());
        assertBadInput(train, "--out " + file + " is not a directory (" + file + " is a file)");
        Result evaluate = run("evaluate", "--data", "synthetic", "--model", "itempop", "--out", below);
        assertBadInput(evaluate, "cannot create the --out directory " + below + ": " + below + ": Not a directory");
        Result tune = run("tune", "--data", "synthetic", "--model", "itemknn", "--grid", "topK=5,50", "--out", file.toString());
        assertBadInput(tune, "--out " + file + " is not a directory");
        for (Result r : List.of(train, evaluate, tune)) {
            assertThat(r.err()).doesNotContain("training ");
        }
        assertThat(file).content().isEqualTo("not a directory");
    }

    @Test
    void aMalformedGridIsBadInput() {
        assertBadInput(run("tune", "--data", "synthetic", "--model", "itemknn", "--grid", "topK"), "--grid expects KEY=V1,V2");
        assertBadInput(run("tune", "--data", "synthetic", "--model", "itemknn", "--grid", "topK=0"), "topK must be >= 1");
    }

    @Test
    void pairedTestsModelsOfEarlierRunsOnTheSameSplitOnly() throws IOException {
        Path out = tmp.resolve("runs");
        assertThat(run("evaluate", "--data", "synthetic", "--model", "itempop,mf", "--set", "epochs=1", "--set", "factors=8",
                "--negatives", "99", "--seeds", "1,2", "--out", out.toString()).code()).isZero();
        Path mf = out.resolve("seed-1/mf");
        Path itempop = out.resolve("seed-1/itempop");

        Result r = run("paired", mf.toString(), itempop.toString());

        assertThat(r.code()).as("stderr:%n%s", r.err()).isZero();
        assertThat(r.out()).startsWith(Files.readAllLines(out.resolve("seed-1/results.md")).get(0));
        String row = r.out().lines().filter(l -> l.startsWith("| " + mf + " | " + itempop + " | ")).findFirst().orElseThrow();
        // The mean difference of the stored per-user values is the difference of the reported means.
        double expected = ndcg10(out.resolve("seed-1/results.md"), "mf") - ndcg10(out.resolve("seed-1/results.md"), "itempop");
        double delta = Double.parseDouble(row.split(" \\| ")[3].split(" ")[0]);
        assertThat(delta).isCloseTo(expected, within(2e-4));

        assertBadInput(run("paired", mf.toString(), out.resolve("seed-2/itempop").toString()), "not the same split");
        assertBadInput(run("paired", mf.toString(), tmp.resolve("nowhere/mf").toString()), "results.md not found");
        Files.delete(itempop.resolve("test-per-user.csv.gz"));
        assertBadInput(run("paired", mf.toString(), itempop.toString()), "test-per-user.csv.gz not found");
    }

    @Test
    void curvesRedrawsTheLearningCurvesOfAnEarlierRunFromItsEpochsCsv() throws IOException {
        Path out = tmp.resolve("curves");
        assertThat(run("evaluate", "--data", "synthetic", "--model", "itempop,mf", "--set", "epochs=2", "--set", "factors=8",
                "--negatives", "99", "--out", out.toString()).code()).isZero();
        Path png = out.resolve("mf/learning-curve.png");
        Files.delete(png);   // as on a machine that could not draw it

        Result r = run("curves", out.toString());

        assertThat(r.code()).as("stderr:%n%s", r.err()).isZero();
        assertThat(r.out()).contains(png.toString(), "1 learning curve drawn");
        assertThat(Arrays.copyOf(Files.readAllBytes(png), 4)).containsExactly(0x89, 'P', 'N', 'G');
        assertThat(out.resolve("itempop/learning-curve.png")).doesNotExist();   // not iterative: no epochs.csv

        assertBadInput(run("curves", out.resolve("itempop").toString()), "no epochs.csv in");
        assertBadInput(run("curves", tmp.resolve("nowhere").toString()), "is not a directory");
        Files.writeString(out.resolve("mf/epochs.csv"), "epoch,loss\n1,0.5\n");
        assertBadInput(run("curves", out.toString()), "epochs.csv:1: not an epochs.csv");
    }

    @Test
    void aStoredCounterpartIsReadInsteadOfTrained() {
        Path store = tmp.resolve("store");
        Result train = run("train", "--data", "synthetic", "--model", "fism", "--set", "epochs=1", "--set", "factors=8",
                "--negatives", "99", "--paper-style", "false", "--store", store.toString());
        assertThat(train.code()).as("stderr:%n%s", train.err()).isZero();

        // ConvNCF pre-training from it: StoredPretrainingTest (a ConvNCF epoch is slow for this suite).
        Result r = run("evaluate", "--data", "synthetic", "--model", "fism", "--pretrained", "fism=" + store,
                "--set", "epochs=5", "--negatives", "99", "--paper-style", "false");

        assertThat(r.code()).as("stderr:%n%s", r.err()).isZero();
        assertThat(r.err()).contains("fism: not trained here; read from fism version ");
        // The stored FISM scores exactly as in the run that trained it (its training time included);
        // unprefixed settings do not reach it.
        assertThat(row(r.out(), "fism")).isEqualTo(row(train.out(), "fism"));
    }

    @Test
    void aStoredCounterpartFromAnotherSplitOrWithSettingsIsBadInput() {
        Path store = tmp.resolve("store");
        assertThat(run("train", "--data", "synthetic", "--model", "mf", "--set", "epochs=1", "--set", "factors=8",
                "--negatives", "99", "--store", store.toString()).code()).isZero();
        String[] base = {"evaluate", "--data", "synthetic", "--model", "convncf-mf", "--negatives", "99"};

        Path out = tmp.resolve("never-written");
        assertBadInput(run(concat(base, "--pretrained", "mf=" + store, "--seed", "7", "--out", out.toString())),
                "mf version ", "was trained on another split", "seed: 42 there, 7 here");
        assertThat(out).as("an --out this run made and never wrote into is removed").doesNotExist();
        assertBadInput(run(concat(base, "--pretrained", "mf=" + store, "--set", "mf.epochs=3")),
                "--set mf.* and --pretrained mf together");
        assertBadInput(run(concat(base, "--pretrained", "mf")), "--pretrained expects MODEL=STORE[@VERSION]");
        assertBadInput(run(concat(base, "--pretrained", "fism=" + store)), "cannot read fism from the model store",
                "no current version");
        assertBadInput(run(concat(base, "--pretrained", "mf=" + store + "@latest")), "invalid version name 'latest'");
        assertBadInput(run("train", "--data", "synthetic", "--model", "mf", "--negatives", "99", "--store",
                store.toString(), "--pretrained", "mf=" + store), "nothing would be trained");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The table row of {@code model} in a command's output. */
    private static String row(String out, String model) {
        return out.lines().filter(l -> l.startsWith("| " + model + " | ")).findFirst().orElseThrow();
    }

    /** A model's test NDCG@10 in a results.md (the fifth metric column). */
    private static double ndcg10(Path results, String model) throws IOException {
        String line = Files.readAllLines(results).stream().filter(l -> l.startsWith("| " + model + " | ")).findFirst().orElseThrow();
        return Double.parseDouble(line.split(" \\| ")[5]);
    }

    @Test
    void twoStageNeedsFullRanking() {
        assertBadInput(run("evaluate", "--data", "synthetic", "--model", "convncf-mf", "--two-stage", "100"),
                "--two-stage needs --protocol full-ranking");
        String[] full = {"evaluate", "--data", "synthetic", "--model", "convncf-mf", "--protocol", "full-ranking"};
        assertBadInput(run(concat(full, "--candidates-from", "rp3b")), "--candidates-from names the first stage of"
                + " --two-stage; give --two-stage too");
        assertBadInput(run(concat(full, "--two-stage", "100", "--candidates-from", "rp3x")), "rp3x");
        assertBadInput(run(concat(full, "--two-stage", "100", "--candidates-from", "convncf-fism")),
                "candidates from convncf-fism would have the CNN score every item");
    }

    // ------------------------------------------------------------------ engine failure: exit code 1, one line

    @Test
    void anEngineFailureIsOneLineNamingTheJniVersionWhenLibtorchIsGivenByPath() throws Exception {
        // What a libtorch other than the JNI's does at the first tensor (seen with PyTorch 2.11's libraries).
        EngineException e = new EngineException("set_stride is not allowed on a Tensor created from .data or .detach().\n"
                + "If your intent is to change the metadata of a Tensor");
        StringWriter err = new StringWriter();
        assertThat(TrainerCli.failure(e, new PrintWriter(err, true), "/opt/torch/lib")).isEqualTo(1);
        assertThat(err.toString().lines().toList()).containsExactly("error: the PyTorch engine failed: set_stride is not"
                + " allowed on a Tensor created from .data or .detach(). (PYTORCH_LIBRARY_PATH=/opt/torch/lib; this"
                + " build's JNI, 2.7.1-0.36.0, runs only the libtorch version it names)");

        StringWriter bundled = new StringWriter();
        assertThat(TrainerCli.failure(e, new PrintWriter(bundled, true), null)).isEqualTo(1);
        assertThat(bundled.toString()).doesNotContain("PYTORCH_LIBRARY_PATH").startsWith("error: the PyTorch engine failed:");
    }

    @Test
    void anythingElseKeepsItsStackTrace() {
        IllegalStateException bug = new IllegalStateException("a bug");
        assertThatThrownBy(() -> TrainerCli.failure(bug, new PrintWriter(new StringWriter()), null)).isSameAs(bug);
    }

    // ------------------------------------------------------------------ bad input: exit code 2, one line

    @Test
    void givenNegativesPolicy() {
        assertBadInput(run("evaluate", "--data", "synthetic", "--model", "itempop", "--given-negatives", "clean"),
                "given negatives must be as-given or drop-positives, got 'clean'");
        assertBadInput(run("evaluate", "--data", "synthetic", "--model", "itempop", "--given-negatives", "drop-positives"),
                "applies to a dataset's given test split only");
    }

    @Test
    void unknownModel() {
        Result r = run("train", "--data", "synthetic", "--model", "convncf-xyz", "--store", tmp.toString());
        assertBadInput(r, "unknown model 'convncf-xyz'; available: itempop, mf, fism");
        assertBadInput(run("evaluate", "--data", "synthetic", "--model", "mf,nope"), "unknown model 'nope'");
    }

    @Test
    void unknownHyperParameter() {
        assertBadInput(run("evaluate", "--data", "synthetic", "--model", "mf", "--set", "epoch=1"),
                "no model has a hyper-parameter 'epoch'");
        assertBadInput(run("evaluate", "--data", "synthetic", "--model", "mf", "--set", "mf.channels=4"),
                "mf has no hyper-parameter 'channels'; valid ones are [", "factors");
        assertBadInput(run("evaluate", "--data", "synthetic", "--model", "mf", "--set", "epochs"),
                "--set expects [MODEL.]KEY=VALUE, got 'epochs'");
    }

    @Test
    void badHyperParameterValue() {
        assertBadInput(run("evaluate", "--data", "synthetic", "--model", "mf", "--set", "mf.epochs=many"),
                "hyper-parameter 'epochs' must be a finite int, got 'many'");
        assertBadInput(run("evaluate", "--data", "synthetic", "--model", "mf", "--set", "alpha=2"),
                "alpha must be in [0, 1], got 2.0");
    }

    @Test
    void missingDataPath() {
        Path missing = tmp.resolve("no-such-dir");
        assertBadInput(run("evaluate", "--data", missing.toString(), "--model", "itempop"), missing.toString(),
                "no such data file or directory");
    }

    @Test
    void malformedCsvLineNamesFileAndLine() throws Exception {
        Path csv = tmp.resolve("events.csv");
        Files.writeString(csv, "user,item,timestamp\nu1,i1,100\nu1,i2,200\nu2,i1\nu2,i3,300\n");
        Result r = run("evaluate", "--data", csv.toString(), "--model", "itempop");
        assertBadInput(r, csv + ":4");
    }

    @Test
    void gateWithoutAColon() {
        assertBadInput(run("train", "--data", "synthetic", "--model", "mf", "--store", tmp.toString(), "--gate",
                "NDCG@10"), "--gate expects SECTION:METRIC", "got 'NDCG@10'");
    }

    @Test
    void modelsThatCannotBeServedAreRefusedBeforePublishing() {
        Result r = run("train", "--data", "synthetic", "--model", "itempop", "--store", tmp.resolve("s").toString());
        assertBadInput(r, "itempop cannot be published for serving");
        assertThat(new ModelStore(tmp.resolve("s")).models()).isEmpty();
    }
}
