package org.convncf.trainer.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.convncf.trainer.eval.GivenNegatives;
import org.convncf.trainer.eval.Protocol;
import org.convncf.trainer.model.Algorithm;
import org.convncf.trainer.model.Algorithms;
import org.convncf.trainer.model.ComputeSettings;
import org.convncf.trainer.model.HyperParameters;
import org.convncf.trainer.run.Experiment;
import org.convncf.trainer.run.SplitOptions;
import org.convncf.trainer.run.StoredPretraining;
import picocli.CommandLine.Option;

/** Split, seed, compute and hyper-parameter options shared by the commands that train. */
final class ExperimentOptions {

    @Option(names = "--split", defaultValue = "auto", paramLabel = "METHOD",
            description = "auto (the dataset's own test split if any, else leave-one-out), given, or leave-one-out"
                    + " (pools given splits first). Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--protocol", defaultValue = "sampled", paramLabel = "P",
            description = "sampled (rank each held-out item among N negatives: HR/NDCG) or full-ranking"
                    + " (rank all unseen items: Recall/NDCG). Default: ${DEFAULT-VALUE}.")
    String protocol;

    @Option(names = "--negatives", defaultValue = "0", paramLabel = "N",
            description = "Negatives per held-out item (sampled protocol); 0 = the dataset's given ones, or 999.")
    int negatives;

    @Option(names = "--given-negatives", defaultValue = "as-given", paramLabel = "POLICY",
            description = "Given test negatives that are positives of their user: as-given (kept, as published) or"
                    + " drop-positives (removed; a diagnostic). Default: ${DEFAULT-VALUE}.")
    String givenNegatives;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the split and of training. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu. Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--threads", defaultValue = "0", description = "Engine intra-op threads (0 = one per core).")
    int threads;

    @Option(names = "--micro-batch", defaultValue = "0", paramLabel = "N",
            description = "Triplets per forward/backward pass within a training step (same gradient; a speed and"
                    + " memory setting). 0 = auto: on a CPU, 32 for the models that build a KxK interaction map"
                    + " (ConvNCF, ONCF-mlp) and the whole batch for the others; on a GPU, the whole batch."
                    + " Default: ${DEFAULT-VALUE}.")
    int microBatch;

    @Option(names = "--kernel", defaultValue = "auto", paramLabel = "auto|engine|vector",
            description = "How ConvNCF's network trains on a CPU: engine (the DJL block, libtorch's autograd), vector"
                    + " (forward and backward fused in Java with the Vector API) or auto (vector under Java 21+ with"
                    + " jdk.incubator.vector enabled, as bin/java-env.sh does; engine otherwise and on a GPU). The same"
                    + " step to float rounding. Default: ${DEFAULT-VALUE}.")
    String kernel;

    @Option(names = "--validation-users", defaultValue = "0", paramLabel = "N",
            description = "Per-epoch validation on a fixed random subset of N users (0 = all).")
    int validationUsers;

    @Option(names = "--paper-style", defaultValue = "true", arity = "1", paramLabel = "true|false",
            description = "Also report test metrics as the paper does: the mean over the last ten validated epochs"
                    + " (one extra test evaluation per kept epoch). Default: ${DEFAULT-VALUE}.")
    boolean paperStyle;

    @Option(names = "--set", paramLabel = "[MODEL.]KEY=VALUE",
            description = "Override a hyper-parameter, e.g. --set epochs=20 or --set convncf-svdpp.lambda4=1."
                    + " Without a model prefix it applies to every model that has the key.")
    List<String> settings = List.of();

    @Option(names = "--pretrained", paramLabel = "MODEL=STORE[@VERSION]",
            description = "Read MODEL (mf, fism or svdpp) from the model store STORE (its current version, or"
                    + " VERSION) instead of training it: ConvNCF pre-trains from it, and listing it among the"
                    + " models evaluates it. It must have been trained on this very split (same data, --split,"
                    + " --seed, protocol); anything else is refused, since it would leak held-out items.")
    List<String> pretrained = List.of();

    /**
     * Applies the engine thread settings; must run before anything touches the DJL engine (its
     * thread pools are sized once, at start).
     */
    void applyEngineSettings() {
        if (threads > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    /**
     * Imports the {@code --pretrained} models into {@code experiment}, each checked against its split.
     * Call before the first run.
     */
    void importPretrained(Experiment experiment) {
        for (String spec : pretrained) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new IllegalArgumentException("--pretrained expects MODEL=STORE[@VERSION], e.g. fism=models; got '"
                        + spec + "'");
            }
            String name = spec.substring(0, eq).trim();
            String location = spec.substring(eq + 1);
            int at = location.lastIndexOf('@');
            String version = at > 0 ? location.substring(at + 1) : null;
            Path store = Path.of(at > 0 ? location.substring(0, at) : location);
            if (settings.stream().anyMatch(s -> s.startsWith(name + "."))) {
                throw new IllegalArgumentException("--set " + name + ".* and --pretrained " + name + " together: a model"
                        + " read from a store is not trained, so its hyper-parameters cannot be set (settings without"
                        + " a model prefix do not apply to it)");
            }
            experiment.importModel(StoredPretraining.load(store, name, version, experiment.split()));
        }
    }

    /** Facts about the run for manifests. */
    Map<String, Object> trainingFacts(org.convncf.trainer.data.LoadedDataset data) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("dataset", data.name());
        facts.put("seed", seed);
        facts.put("device", device);
        facts.put("engineThreads", threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        facts.put("cores", Runtime.getRuntime().availableProcessors());
        return facts;
    }

    SplitOptions splitOptions() {
        return splitOptions(seed);
    }

    SplitOptions splitOptions(long seed) {
        return new SplitOptions(split, parseProtocol(protocol), negatives, seed, GivenNegatives.parse(givenNegatives));
    }

    ComputeSettings compute() {
        return new ComputeSettings(device, threads, microBatch, kernel);
    }

    /**
     * Overrides per algorithm name. A prefixed key goes to that algorithm; an unprefixed key to
     * every algorithm whose hyper-parameters have it (so that pre-training dependencies get it too).
     */
    Map<String, Map<String, String>> overrides() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String s : settings) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set expects [MODEL.]KEY=VALUE, got '" + s + "'");
            }
            String key = s.substring(0, eq).trim();
            String value = s.substring(eq + 1);
            int dot = key.indexOf('.');
            if (dot > 0) {
                Algorithm<?> algorithm = Algorithms.byName(key.substring(0, dot));
                String param = key.substring(dot + 1);
                if (!keys(algorithm).contains(param)) {
                    throw new IllegalArgumentException(algorithm.name() + " has no hyper-parameter '" + param
                            + "'; valid ones are " + keys(algorithm));
                }
                out.computeIfAbsent(algorithm.name(), m -> new LinkedHashMap<>()).put(param, value);
                continue;
            }
            boolean used = false;
            for (Algorithm<?> algorithm : Algorithms.all()) {
                if (keys(algorithm).contains(key)) {
                    out.computeIfAbsent(algorithm.name(), m -> new LinkedHashMap<>()).putIfAbsent(key, value);
                    used = true;
                }
            }
            if (!used) {
                throw new IllegalArgumentException("no model has a hyper-parameter '" + key + "'");
            }
        }
        // Refuse bad values now, before any data is read.
        out.forEach((name, values) -> HyperParameters.bind(Algorithms.byName(name).defaults(), values));
        return out;
    }

    private static Set<String> keys(Algorithm<?> algorithm) {
        return new TreeSet<>(HyperParameters.toMap(algorithm.defaults()).keySet());
    }

    static Protocol parseProtocol(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "sampled" -> Protocol.SAMPLED;
            case "full-ranking", "full" -> Protocol.FULL_RANKING;
            default -> throw new IllegalArgumentException("--protocol must be sampled or full-ranking, got '" + s + "'");
        };
    }
}
