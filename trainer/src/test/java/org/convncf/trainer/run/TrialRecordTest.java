package org.convncf.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.convncf.trainer.eval.EvalResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialRecordTest {

    @TempDir
    Path tmp;

    @Test
    void readsBackWhatItWroteToTheLastDigit() throws IOException {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("model", "fism");
        context.put("split.method", "leave-one-out, random item (seeded)");
        context.put("hyperParameters.pretrain", "");
        context.put("stored.mf", "mf version 3 of the store /tmp/a=b:c");
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("HR@10", 0.37800000000000006);
        metrics.put("NDCG@10", 0.21712345678901234);
        EvalResult validation = new EvalResult(metrics, Map.of(), 500, 500_000, 12.5);
        Path dir = tmp.resolve("trials/lrEmbedding=0.05,lambdaItem=0.001");

        Map<String, String> provenance = TrialRecord.provenance(2, "vector");

        TrialRecord.of(context, validation, 743.625, provenance).write(dir);
        TrialRecord back = TrialRecord.read(dir).orElseThrow();

        assertThat(back.context()).isEqualTo(context);
        assertThat(back.validation()).isEqualTo(metrics);
        assertThat(back.users()).isEqualTo(500);
        assertThat(back.trainSeconds()).isEqualTo(743.625);
        assertThat(back.provenance()).isEqualTo(provenance).containsEntry("engineThreads", "2").containsEntry("kernel", "vector")
                .containsEntry("trainerCommit", Provenance.current().commit())
                .containsEntry("cpu", Provenance.current().cpu());
        assertThat(back.validationResult().get("NDCG@10")).isEqualTo(0.21712345678901234);
        assertThat(dir).isDirectoryNotContaining("glob:**.partial");
    }

    @Test
    void aRecordWrittenBeforeProvenanceWasKeptReadsWithNone() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("trials/topK=5"));
        Files.writeString(dir.resolve(TrialRecord.FILE),
                "context.model=itemknn\nvalidation.NDCG@10=0.2\nusers=500\ntrainSeconds=1.5\n");

        TrialRecord back = TrialRecord.read(dir).orElseThrow();

        assertThat(back.provenance()).isEmpty();
        assertThat(back.differencesFrom(Map.of("model", "itemknn"))).isEmpty();
        assertThat(back.provenanceDifferencesFrom(TrialRecord.provenance(1, ""))).isEmpty();
    }

    @Test
    void namesTheBuildAndMachineFactsThatDifferFromThisRun() throws IOException {
        Map<String, String> there = new LinkedHashMap<>(TrialRecord.provenance(2, "vector"));
        there.put("trainerCommit", "0ced86e074dcff6f9cdd48b0b1c53d479604be1d");
        String otherWidth = Integer.toString(Provenance.current().vectorBits() + 128);
        there.put("vectorBits", otherWidth);
        Path dir = tmp.resolve("trials/topK=5");
        TrialRecord.of(Map.of("model", "mf"), new EvalResult(Map.of("NDCG@10", 0.3), Map.of(), 500, 0, 0), 1.0, there)
                .write(dir);

        TrialRecord back = TrialRecord.read(dir).orElseThrow();

        // The kernel is known only once a model trains, so it is not compared.
        assertThat(back.provenanceDifferencesFrom(TrialRecord.provenance(2, ""))).containsExactly(
                "trainerCommit: 0ced86e074dcff6f9cdd48b0b1c53d479604be1d there, " + Provenance.current().commit() + " here",
                "vectorBits: " + otherWidth + " there, " + Provenance.current().vectorBits() + " here");
        assertThat(back.provenanceDifferencesFrom(TrialRecord.provenance(1, ""))).hasSize(3)
                .contains("engineThreads: 2 there, 1 here");
    }

    @Test
    void aConfigurationThatDidNotFinishHasNoRecord() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("trials/topK=5"));
        Files.writeString(dir.resolve("epochs.csv"), "epoch,loss\n"); // the curve is written before the record

        assertThat(TrialRecord.read(dir)).isEmpty();
        assertThat(TrialRecord.read(tmp.resolve("missing"))).isEmpty();
    }

    @Test
    void aDamagedRecordIsNamedNotReadAsFinished() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("trials/topK=5"));
        Files.writeString(dir.resolve(TrialRecord.FILE), "validation.NDCG@10=0.2\nusers=500\n");
        assertThatThrownBy(() -> TrialRecord.read(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir.resolve(TrialRecord.FILE) + " is not a trial record: no trainSeconds");

        Files.writeString(dir.resolve(TrialRecord.FILE), "validation.NDCG@10=zero\nusers=500\ntrainSeconds=1\n");
        assertThatThrownBy(() -> TrialRecord.read(dir)).hasMessageStartingWith(dir.resolve(TrialRecord.FILE)
                + " is not a trial record: ");
    }
}
