package org.convncf.trainer.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.convncf.trainer.data.CsvReader;
import org.convncf.trainer.data.DataFormat;
import org.convncf.trainer.data.DatasetLoader;
import org.convncf.trainer.data.LoadedDataset;
import org.convncf.trainer.data.SyntheticDataset;
import picocli.CommandLine.Option;

/** Where the interactions come from. */
final class DataOptions {

    @Option(names = "--data", required = true, paramLabel = "PATH|synthetic",
            description = "A dataset directory or file, or 'synthetic' for the generated quick-start dataset"
                    + " (clearly synthetic: planted user/item topics).")
    String data;

    @Option(names = "--format", defaultValue = "auto", paramLabel = "FORMAT",
            description = "ncf, lightgcn, movielens, csv or auto (detect from file names). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--columns", paramLabel = "ROLES",
            description = "csv: column roles, e.g. user,item,timestamp or user,item,rating ('-' ignores a column).")
    String columns;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "csv: field delimiter (default: detect; 'tab' for a tab).")
    String delimiter;

    @Option(names = "--min-rating", paramLabel = "R",
            description = "movielens/csv with a rating column: keep ratings >= R as positives (default: keep all).")
    Double minRating;

    LoadedDataset load() throws IOException {
        if (data.equalsIgnoreCase("synthetic")) {
            return SyntheticDataset.generate(SyntheticDataset.Spec.DEFAULT);
        }
        char delim = 0;
        if (delimiter != null) {
            delim = delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t") ? '\t' : single(delimiter);
        }
        CsvReader.Options csv = new CsvReader.Options(delim,
                columns == null ? null : CsvReader.Options.parseColumns(columns),
                minRating == null ? Double.NEGATIVE_INFINITY : minRating);
        return DatasetLoader.load(Path.of(data), DataFormat.parse(format), csv);
    }

    private static char single(String s) {
        if (s.length() != 1) {
            throw new IllegalArgumentException("--delimiter must be one character or 'tab', got '" + s + "'");
        }
        return s.charAt(0);
    }
}
