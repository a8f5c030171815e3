package org.convncf.trainer.run;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.convncf.trainer.eval.EvalResult;
import org.convncf.trainer.model.TrainingHistory;

/**
 * A finished configuration of a grid search, as {@code tune --out} keeps it in
 * {@code trials/<settings>/trial.properties}: what it was trained on and with (its context), its
 * validation metrics, its training time, and which build on which machine trained it. It is written
 * last, once the configuration is done, so a grid that is stopped can be resumed without training the
 * configurations it finished.
 *
 * @param context      everything the trial's result depends on, as {@link Experiment#trialContext} gives it
 * @param validation   the validation metrics model selection compares (metric name → mean)
 * @param users        validation users evaluated
 * @param trainSeconds training time
 * @param provenance   the trainer's build, the machine and the engine threads ({@link #provenance(int, String)});
 *                     on resume a difference is a warning, not a refusal (a grid may be finished on
 *                     another machine); empty in records written before it was kept
 */
public record TrialRecord(Map<String, String> context, Map<String, Double> validation, int users,
        double trainSeconds, Map<String, String> provenance) {

    public static final String FILE = "trial.properties";

    private static final String CONTEXT = "context.";
    private static final String VALIDATION = "validation.";
    private static final String PROVENANCE = "provenance.";

    public TrialRecord {
        context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
        validation = Collections.unmodifiableMap(new LinkedHashMap<>(validation));
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    /** The record of a trial whose validation was {@code result}. */
    public static TrialRecord of(Map<String, String> context, EvalResult result, double trainSeconds,
            Map<String, String> provenance) {
        return new TrialRecord(context, result.metrics(), result.users(), trainSeconds, provenance);
    }

    /**
     * This trainer's {@link Provenance}, the run's engine threads ({@code 0}: the engine's default) and,
     * for ConvNCF, the kernel that trained its network ({@link TrainingHistory#kernel}; empty: none).
     */
    public static Map<String, String> provenance(int engineThreads, String kernel) {
        Map<String, String> p = new LinkedHashMap<>();
        Provenance.current().toMap().forEach((k, v) -> p.put(k, String.valueOf(v)));
        p.put("engineThreads", Integer.toString(engineThreads));
        if (!kernel.isEmpty()) {
            p.put("kernel", kernel);
        }
        return p;
    }

    /**
     * How the context this trial ran in differs from {@code here}, key by key on either side
     * ({@code "key: X there, Y here"}; a key on one side only reads {@code null} on the other).
     */
    public List<String> differencesFrom(Map<String, String> here) {
        Set<String> keys = new LinkedHashSet<>(here.keySet());
        keys.addAll(context.keySet());
        return StoredPretraining.differences(context, here, keys);
    }

    /**
     * How the build and machine that trained this trial differ from {@code here}
     * ({@link #provenance(int, String)} of this run), over the keys both recorded, in the form of
     * {@link #differencesFrom}; empty for a record written before provenance was kept. A grid may be
     * finished by another build or machine, but a configuration trained now may then round differently
     * from the recorded ones (another commit may even train differently), so the caller warns.
     */
    public List<String> provenanceDifferencesFrom(Map<String, String> here) {
        Set<String> keys = new LinkedHashSet<>(here.keySet());
        keys.retainAll(provenance.keySet());
        return StoredPretraining.differences(provenance, here, keys);
    }

    /** The validation metrics as an evaluation result (no per-user values: selection needs only the means). */
    public EvalResult validationResult() {
        return new EvalResult(validation, Map.of(), users, 0, 0);
    }

    /** Writes {@code dir/trial.properties}, replacing it whole (a stopped write leaves the old file or none). */
    public void write(Path dir) throws IOException {
        Properties p = new Properties();
        context.forEach((k, v) -> p.setProperty(CONTEXT + k, v));
        validation.forEach((k, v) -> p.setProperty(VALIDATION + k, Double.toString(v)));
        provenance.forEach((k, v) -> p.setProperty(PROVENANCE + k, v));
        p.setProperty("users", Integer.toString(users));
        p.setProperty("trainSeconds", Double.toString(trainSeconds));
        Files.createDirectories(dir);
        Path partial = dir.resolve(FILE + ".partial");
        try (Writer w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            p.store(w, "a finished configuration of trainer tune; read back by tune --resume");
        }
        Files.move(partial, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The record in {@code dir}, or empty where there is none (the configuration did not finish).
     *
     * @throws IllegalArgumentException naming the file if it is not such a record
     */
    public static Optional<TrialRecord> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Map<String, String> context = new TreeMap<>();
        Map<String, Double> validation = new TreeMap<>();
        Map<String, String> provenance = new TreeMap<>();
        try {
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith(CONTEXT)) {
                    context.put(key.substring(CONTEXT.length()), p.getProperty(key));
                } else if (key.startsWith(VALIDATION)) {
                    validation.put(key.substring(VALIDATION.length()), Double.parseDouble(p.getProperty(key)));
                } else if (key.startsWith(PROVENANCE)) {
                    provenance.put(key.substring(PROVENANCE.length()), p.getProperty(key));
                }
            }
            if (!validation.containsKey("NDCG@10")) {
                throw new IllegalArgumentException("no validation.NDCG@10");
            }
            return Optional.of(new TrialRecord(context, validation, Integer.parseInt(required(p, "users")),
                    Double.parseDouble(required(p, "trainSeconds")), provenance));
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new IllegalArgumentException(file + " is not a trial record: " + e.getMessage(), e);
        }
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return v;
    }
}
