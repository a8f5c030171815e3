package org.convncf.trainer.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.convncf.trainer.eval.SplitInfo;
import org.convncf.trainer.model.TrainingHistory;

/**
 * Writes a run's outputs: {@code results.md} (the comparison table), per model
 * {@code <model>/test-per-user.csv.gz} ({@link PerUserMetrics}, for paired tests across runs) and, per
 * iterative model, {@code <model>/epochs.csv}, {@code epochs.json} and {@code learning-curve.png} (where
 * this JVM can draw it); {@link #writeHistory} writes the last three for any training history.
 */
public final class RunOutputs {

    private RunOutputs() {
    }

    /** {@link #write(Path, SplitInfo, List, List, int)} without two-stage runs. */
    public static void write(Path dir, SplitInfo split, List<ModelRun> runs, int engineThreads) throws IOException {
        write(dir, split, runs, List.of(), engineThreads);
    }

    /** {@code results.md} and every run's files. */
    public static void write(Path dir, SplitInfo split, List<ModelRun> runs, List<TwoStageRun> twoStage,
            int engineThreads) throws IOException {
        writeTable(dir, split, runs, twoStage, engineThreads);
        for (ModelRun run : runs) {
            writeModel(dir, split, run);
        }
    }

    /**
     * {@code results.md} for the runs so far (rewritten as runs are added: its paired tests span them
     * all), ending with the line {@link #producedBy} gives.
     */
    public static void writeTable(Path dir, SplitInfo split, List<ModelRun> runs, List<TwoStageRun> twoStage,
            int engineThreads) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.md"), ResultsTable.markdown(split, runs, twoStage)
                + producedBy(engineThreads));
    }

    /**
     * The last paragraph of a results file: the trainer's build and the machine ({@link Provenance}),
     * with the engine threads of the run ({@code 0}: the engine's default).
     */
    public static String producedBy(int engineThreads) {
        return "\nProduced by " + Provenance.current().describe(engineThreads) + ".\n";
    }

    /** One run's {@code <model>/} files; they do not change as later runs are added, so once per run. */
    public static void writeModel(Path dir, SplitInfo split, ModelRun run) throws IOException {
        Path modelDir = dir.resolve(run.algorithm());
        if (!run.test().perUser().isEmpty()) {
            PerUserMetrics.write(Files.createDirectories(modelDir).resolve(PerUserMetrics.FILE), run.test().perUser());
        }
        writeHistory(modelDir, run.algorithm() + " on " + split.dataset(), run.model().history());
    }

    /**
     * {@code epochs.csv}, {@code epochs.json} and {@code learning-curve.png} (titled {@code title}) of
     * an iterative model into {@code dir}; nothing for a model trained without epochs.
     */
    public static void writeHistory(Path dir, String title, TrainingHistory history) throws IOException {
        if (history.epochs().isEmpty()) {
            return;
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("epochs.csv"), LearningCurves.csv(history));
        Files.writeString(dir.resolve("epochs.json"), LearningCurves.json(history));
        Optional<byte[]> png = LearningCurves.pngIfDrawable(title, history);
        if (png.isPresent()) {
            Files.write(dir.resolve("learning-curve.png"), png.get());
        }
    }
}
