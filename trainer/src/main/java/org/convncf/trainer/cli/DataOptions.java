package org.convncf.trainer.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.convncf.trainer.data.CsvReader;
import org.convncf.trainer.data.DataFormat;
import org.convncf.trainer.data.DatasetLoader;
import org.convncf.trainer.data.EventStoreReader;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.data.InteractionsBuilder;
import org.convncf.trainer.data.LoadedDataset;
import org.convncf.trainer.data.SyntheticDataset;
import org.convncf.trainer.eval.Splits;
import picocli.CommandLine.Option;

/** Where the interactions come from. */
final class DataOptions {

    @Option(names = "--data", required = true, paramLabel = "PATH|synthetic|JDBC-URL",
            description = "A dataset directory or file, 'synthetic' for the generated quick-start dataset"
                    + " (clearly synthetic: planted user/item topics), or the service's event store as a JDBC URL"
                    + " (jdbc:postgresql://host:5432/db; user and password from CONVNCF_DB_USER and CONVNCF_DB_PASSWORD).")
    String data;

    @Option(names = "--events", paramLabel = "JDBC-URL",
            description = "Also add every event of the service's event store (same credentials as for --data) to the"
                    + " dataset: retraining on the original data plus what users did since.")
    String events;

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
        LoadedDataset base = loadBase();
        return events == null ? base : withEvents(base, events);
    }

    private LoadedDataset loadBase() throws IOException {
        if (data.equalsIgnoreCase("synthetic")) {
            return SyntheticDataset.generate(SyntheticDataset.Spec.DEFAULT);
        }
        if (data.startsWith("jdbc:")) {
            return EventStoreReader.read(data, dbUser(), dbPassword());
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

    /**
     * The base dataset (its given splits pooled) plus every stored event. Base interactions without
     * timestamps count as older than any event.
     */
    private static LoadedDataset withEvents(LoadedDataset base, String url) throws IOException {
        Interactions pooled = base.test().isPresent() || base.validation().isPresent() ? Splits.pool(base) : base.train();
        InteractionsBuilder builder = new InteractionsBuilder();
        for (int u = 0; u < pooled.numUsers(); u++) {
            String user = pooled.users().externalId(u);
            for (int idx = pooled.start(u); idx < pooled.end(u); idx++) {
                builder.add(user, pooled.items().externalId(pooled.itemAt(idx)), pooled.hasTimestamps() ? pooled.timeAt(idx) : 0L);
            }
        }
        long n = EventStoreReader.readInto(url, dbUser(), dbPassword(), builder);
        Interactions merged = builder.build();
        System.err.println("Added " + n + " events from the event store to " + base.name() + " (" + merged.size()
                + " interactions after merging repeats)");
        return new LoadedDataset(base.name() + "+events", merged, null, null, builder.duplicates());
    }

    private static String dbUser() {
        return firstSet("CONVNCF_DB_USER", "SPRING_DATASOURCE_USERNAME", "convncf");
    }

    /** From the environment only: a password on the command line would show in process lists. */
    private static String dbPassword() {
        return firstSet("CONVNCF_DB_PASSWORD", "SPRING_DATASOURCE_PASSWORD", "");
    }

    private static String firstSet(String a, String b, String fallback) {
        String v = System.getenv(a);
        if (v == null || v.isEmpty()) {
            v = System.getenv(b);
        }
        return v == null || v.isEmpty() ? fallback : v;
    }

    private static char single(String s) {
        if (s.length() != 1) {
            throw new IllegalArgumentException("--delimiter must be one character or 'tab', got '" + s + "'");
        }
        return s.charAt(0);
    }
}
