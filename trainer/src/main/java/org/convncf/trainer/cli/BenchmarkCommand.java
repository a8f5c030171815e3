package org.convncf.trainer.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.convncf.nn.ConvNcfBlock;
import org.convncf.nn.ConvNcfScorer;
import org.convncf.nn.ConvNcfScorers;
import org.convncf.nn.ConvNcfWeights;
import org.convncf.nn.UserEmbeddingKind;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.data.SyntheticDataset;
import org.convncf.trainer.model.ComputeSettings;
import org.convncf.trainer.model.HyperParameters;
import org.convncf.trainer.model.Model;
import org.convncf.trainer.model.TrainingContext;
import org.convncf.trainer.model.bpr.BprTrainer;
import org.convncf.trainer.model.bpr.ConvNcfHead;
import org.convncf.trainer.model.bpr.Devices;
import org.convncf.trainer.model.bpr.Gaussians;
import org.convncf.trainer.model.convncf.ConvNcf;
import org.convncf.trainer.run.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures ConvNCF throughput on this machine: the engine's fp32 GEMM rate (the ceiling), scoring
 * for one user at several candidate counts (pairs/s, GFLOP/s, share of the GEMM rate, per-call
 * p50/p99), training triplets/s at a batch size, and peak resident memory. Prints a Markdown table.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Measure ConvNCF scoring and training speed (K=64, C=32 unless overridden).")
final class BenchmarkCommand implements Callable<Integer> {

    @Option(names = "--scorer", defaultValue = "auto", description = "auto, djl or vector. Default: ${DEFAULT-VALUE}.")
    String scorer;

    @Option(names = "--candidates", defaultValue = "1,10,100,1000,10000", split = ",",
            description = "Candidate counts to score per call. Default: ${DEFAULT-VALUE}.")
    List<Integer> candidates;

    @Option(names = "--seconds", defaultValue = "5", description = "Measuring time per candidate count.")
    double seconds;

    @Option(names = "--threads", defaultValue = "0",
            description = "Threads per scoring call and engine intra-op threads (0 = one per core).")
    int threads;

    @Option(names = "--embedding-size", defaultValue = "64", description = "K.")
    int k;

    @Option(names = "--channels", defaultValue = "32", description = "C.")
    int c;

    @Option(names = "--train-batch", defaultValue = "512", description = "Training batch (triplets); 0 skips training.")
    int trainBatch;

    @Option(names = "--micro-batch", defaultValue = "0",
            description = "Triplets per forward/backward pass; 0 = as training does: 32 on a CPU, the whole"
                    + " training batch on a GPU.")
    int microBatch;

    @Option(names = "--kernel", defaultValue = "auto",
            description = "How ConvNCF's network trains: engine (DJL/libtorch), vector (fused in Java, CPU) or auto"
                    + " (vector on a CPU under Java 21+). Default: ${DEFAULT-VALUE}.")
    String kernel;

    /** The micro-batch the training and network measurements use: {@link #microBatch} resolved as training does. */
    private int passes;

    @Option(names = "--device", defaultValue = "cpu",
            description = "Where GEMM, the DJL scorer and training run: cpu, gpu or auto. Default: ${DEFAULT-VALUE}.")
    String deviceName;

    private ComputeSettings compute;
    private Device device;

    @Override
    public Integer call() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        int t = threads > 0 ? threads : cores;
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(t));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        ConvNcfScorers.Mode mode = ConvNcfScorers.Mode.parse(scorer);
        compute = new ComputeSettings(deviceName, threads, microBatch, kernel);
        device = Devices.resolve(compute);
        passes = BprTrainer.microBatch(compute, device, new ConvNcfHead(k, c), Math.max(trainBatch, 1));
        double flopsPerPair = 2.0 * new ConvNcfBlock(k, c).multiplyAddsPerPair();
        double gemm = gemmGflops();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "ConvNCF benchmark: K=%d, C=%d, %.2f MFLOP per pair; device %s;%n%s%n%n",
                k, c, flopsPerPair / 1e6, device, Provenance.current().describe(t)));
        out.append(String.format(Locale.ROOT, "fp32 GEMM 2048^3 (engine, %s): %.1f GFLOP/s%n%n", device, gemm));
        out.append("| candidates | scorer | pairs/s | GFLOP/s | % of GEMM | p50 ms | p99 ms | resident after |\n");
        out.append("|---:|---|---:|---:|---:|---:|---:|---:|\n");
        ConvNcfWeights weights = ConvNcfWeights.random(k, c, 1);
        try (ConvNcfScorer s = ConvNcfScorers.create(weights, mode, device, t)) {
            for (int n : candidates) {
                double[] r = scoring(s, n);
                double gflops = r[0] * flopsPerPair / 1e9;
                out.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %.1f | %.0f%% | %.3f | %.3f | %s |%n", n, s.name(),
                        r[0], gflops, 100 * gflops / gemm, r[1], r[2], currentRss()));
                System.err.printf(Locale.ROOT, "scored %d candidates: %.0f pairs/s%n", n, r[0]);
            }
        }
        if (trainBatch > 0) {
            String network = BprTrainer.fusedKernel(compute, device, c) ? "kernel vector: network fused in Java"
                    : "kernel engine, micro-batch " + passes;
            double tps = training();
            out.append(String.format(Locale.ROOT, "%nTraining (ConvNCF-SVD++, batch %d, the synthetic dataset, 1 epoch):"
                    + " %.0f triplets/s (%.1f GFLOP/s counting forward + backward as 3x forward for 2 pairs per triplet;"
                    + " %s)%n", trainBatch, tps, tps * 2 * 3 * flopsPerPair / 1e9, network));
            double[] ceiling = networkCeiling();
            out.append(String.format(Locale.ROOT, "Ceiling of the DJL training path, the network alone (random embeddings,"
                    + " micro-batches of %d triplets, no sampling, user embeddings or optimiser): forward + backward"
                    + " %.0f triplets/s (%.1f GFLOP/s), forward alone %.0f triplets/s%n", passes, ceiling[0],
                    ceiling[0] * 2 * 3 * flopsPerPair / 1e9, ceiling[1]));
        }
        out.append(String.format(Locale.ROOT, "%nPeak resident memory: %s%n", peakRss()));
        System.out.print(out);
        return 0;
    }

    /** {pairs/s, p50 ms, p99 ms} for calls of {@code n} candidates. */
    private double[] scoring(ConvNcfScorer s, int n) {
        SplittableRandom rnd = new SplittableRandom(7);
        float[] user = Gaussians.floats(rnd, k, 1.0);
        float[] items = Gaussians.floats(rnd, n * k, 1.0);
        float[] scores = new float[n];
        long warmupEnd = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warmupEnd) {
            s.score(user, items, n, scores);
        }
        double[] latencies = new double[1 << 16];
        int calls = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now = start;
        while (now < end && calls < latencies.length) {
            long t0 = System.nanoTime();
            s.score(user, items, n, scores);
            now = System.nanoTime();
            latencies[calls++] = (now - t0) / 1e6;
        }
        double elapsed = (now - start) / 1e9;
        double[] l = Arrays.copyOf(latencies, calls);
        Arrays.sort(l);
        return new double[] {(double) calls * n / elapsed, l[(int) (0.50 * (calls - 1))], l[(int) (0.99 * (calls - 1))]};
    }

    private double training() {
        Interactions train = SyntheticDataset.generate(SyntheticDataset.Spec.DEFAULT).train();
        ConvNcf algorithm = new ConvNcf(UserEmbeddingKind.SVDPP);
        Map<String, String> settings = Map.of("factors", Integer.toString(k), "channels", Integer.toString(c),
                "batchSize", Integer.toString(trainBatch), "epochs", "1", "pretrain", "", "patience", "0");
        ConvNcf.Config config = HyperParameters.bind(algorithm.defaults(), settings);
        TrainingContext context = TrainingContext.of(42, compute, null,
                new TrainingContext.ProgressListener() { }, null);
        try (Model model = algorithm.fit(train, config, context)) {
            double epochSeconds = model.history().epochs().get(0).seconds();
            return train.size() / epochSeconds;
        }
    }

    /**
     * {forward + backward, forward only} triplets/s of the ConvNCF block on its own: what the DJL
     * training path cannot exceed whatever the rest of the trainer does.
     */
    private double[] networkCeiling() {
        try (NDManager m = Engine.getInstance().newBaseManager(device)) {
            ConvNcfBlock block = new ConvNcfBlock(k, c);
            block.initialize(m, ConvNcfWeights.random(k, c, 3));
            ParameterStore store = new ParameterStore(m, false);
            NDArray u = m.randomNormal(new Shape(2L * passes, k));
            NDArray v = m.randomNormal(new Shape(2L * passes, k));
            double forward = triplets(() -> block.forward(store, new NDList(u, v), false).singletonOrThrow().toFloatArray());
            u.setRequiresGradient(true);
            v.setRequiresGradient(true);
            double both = triplets(() -> {
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray scores = block.forward(store, new NDList(u, v), true).singletonOrThrow();
                    collector.backward(Activation.softPlus(scores.get(new NDIndex("0:" + passes))
                            .sub(scores.get(new NDIndex(passes + ":"))).neg()).sum());
                }
            });
            return new double[] {both, forward};
        }
    }

    /** Triplets/s of a micro-batch step run repeatedly for {@code seconds}, after a second of warm-up. */
    private double triplets(Runnable microStep) {
        long warmupEnd = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warmupEnd) {
            inScope(microStep);
        }
        long steps = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            inScope(microStep);
            steps++;
        }
        return steps * passes / ((System.nanoTime() - start) / 1e9);
    }

    private static void inScope(Runnable step) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            step.run();
        }
    }

    private double gemmGflops() {
        try (NDManager m = Engine.getInstance().newBaseManager(device)) {
            NDArray a = m.randomNormal(new Shape(2048, 2048));
            NDArray b = m.randomNormal(new Shape(2048, 2048));
            product(a, b);
            double best = 0;
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                product(a, b);
                double s = (System.nanoTime() - t0) / 1e9;
                best = Math.max(best, 2.0 * 2048 * 2048 * 2048 / s / 1e9);
            }
            return best;
        }
    }

    /** One product, waited for: reading an element makes an asynchronous device (a GPU) finish it. */
    private static void product(NDArray a, NDArray b) {
        try (NDArray c = a.matMul(b)) {
            c.getFloat(0, 0);
        }
    }

    /** Peak resident memory (VmHWM of /proc/self/status), or "unknown" off Linux. */
    static String peakRss() {
        return procStatus("VmHWM:");
    }

    /** Current resident memory (VmRSS of /proc/self/status), or "unknown" off Linux. */
    static String currentRss() {
        return procStatus("VmRSS:");
    }

    private static String procStatus(String key) {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith(key))
                    .findFirst().map(l -> {
                        long kb = Long.parseLong(l.substring(key.length()).trim().split("\\s+")[0]);
                        return String.format(Locale.ROOT, "%.0f MB", kb / 1024.0);
                    }).orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
