package org.convncf.trainer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.convncf.trainer.run.LearningCurves;
import org.convncf.trainer.run.ResultsTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Draws {@code learning-curve.png} beside every {@code epochs.csv} of earlier runs: for runs on a
 * machine that could not draw (a headless GPU box or a slim container without fonts), which write
 * the CSV and skip the PNG with a warning.
 */
@Command(name = "curves", mixinStandardHelpOptions = true,
        description = {"Draw learning-curve.png from the epochs.csv files of earlier runs, e.g.",
                "trainer curves docs/results/ml-100k-gpu"})
final class CurvesCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "DIR",
            description = "A run's --out directory or one of its <model> directories.")
    List<Path> dirs;

    @Override
    public Integer call() throws IOException {
        int drawn = 0;
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(dir + " is not a directory");
            }
            List<Path> files;
            try (Stream<Path> found = Files.find(dir, 2, (p, a) -> a.isRegularFile() && p.endsWith("epochs.csv"))) {
                files = found.sorted().toList();
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no epochs.csv in " + dir + " or its model directories");
            }
            for (Path csv : files) {
                String title = csv.toAbsolutePath().getParent().getFileName() + datasetOf(csv);
                Path png = csv.resolveSibling("learning-curve.png");
                byte[] image = LearningCurves.pngIfDrawable(title, LearningCurves.readCsv(csv)).orElseThrow(
                        () -> new IllegalArgumentException("this JVM cannot draw charts (see the warning above); run"
                                + " trainer curves on a machine with fonts"));
                Files.write(png, image);
                System.out.println(png);
                drawn++;
            }
        }
        System.out.println(drawn + " learning curve" + (drawn == 1 ? "" : "s") + " drawn");
        return 0;
    }

    /** " on DATASET" from the "Split: DATASET [...]" line of the run's results.md, or "". */
    private static String datasetOf(Path csv) throws IOException {
        return ResultsTable.splitLine(csv.toAbsolutePath().getParent().resolveSibling("results.md"))
                .filter(l -> l.contains(" ["))
                .map(l -> " on " + l.substring(ResultsTable.SPLIT_LINE.length(), l.indexOf(" [")))
                .orElse("");
    }
}
