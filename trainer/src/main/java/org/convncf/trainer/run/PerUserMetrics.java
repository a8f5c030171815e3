package org.convncf.trainer.run;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The per-user test metrics of one model, stored next to its results ({@code <model>/test-per-user.csv.gz}),
 * so that models trained by different invocations on the same split can be paired-tested later
 * ({@code trainer paired}) without training them again. One header line of metric names, then one
 * line per evaluated user in the evaluator's user order (a function of the split alone); values are
 * written exactly ({@link Double#toString}), so a test from the files equals the one the run printed.
 */
public final class PerUserMetrics {

    public static final String FILE = "test-per-user.csv.gz";

    private PerUserMetrics() {
    }

    public static void write(Path file, Map<String, double[]> perUser) throws IOException {
        List<String> names = new ArrayList<>(perUser.keySet());
        int users = names.isEmpty() ? 0 : perUser.get(names.get(0)).length;
        for (String name : names) {
            if (perUser.get(name).length != users) {
                throw new IllegalArgumentException(name + " has " + perUser.get(name).length + " users, " + names.get(0)
                        + " has " + users);
            }
        }
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8))) {
            w.write(String.join(",", names));
            w.newLine();
            StringBuilder line = new StringBuilder();
            for (int u = 0; u < users; u++) {
                line.setLength(0);
                for (String name : names) {
                    line.append(line.isEmpty() ? "" : ",").append(perUser.get(name)[u]);
                }
                w.append(line).append('\n');
            }
        }
    }

    /** Metric name → value per user, in the file's order; a malformed file is an error naming its line. */
    public static Map<String, double[]> read(Path file) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (header == null || header.isBlank()) {
                throw new IllegalArgumentException(file + ": empty, expected a header of metric names");
            }
            String[] names = header.split(",", -1);
            List<double[]> rows = new ArrayList<>();
            String line;
            int lineNumber = 1;
            while ((line = r.readLine()) != null) {
                lineNumber++;
                String[] cells = line.split(",", -1);
                if (cells.length != names.length) {
                    throw new IllegalArgumentException(file + " line " + lineNumber + ": " + cells.length + " values, expected "
                            + names.length + " (" + header + ")");
                }
                double[] row = new double[names.length];
                for (int i = 0; i < names.length; i++) {
                    try {
                        row[i] = Double.parseDouble(cells[i]);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(file + " line " + lineNumber + ": '" + cells[i] + "' is not a number");
                    }
                }
                rows.add(row);
            }
            Map<String, double[]> out = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                double[] column = new double[rows.size()];
                for (int u = 0; u < column.length; u++) {
                    column[u] = rows.get(u)[i];
                }
                out.put(names[i], column);
            }
            return out;
        }
    }
}
