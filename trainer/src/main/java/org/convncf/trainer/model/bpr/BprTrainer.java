package org.convncf.trainer.model.bpr;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.convncf.nn.ConvNcfScorers;
import org.convncf.nn.ConvNcfWeights;
import org.convncf.nn.UserEmbedding;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.eval.EvalResult;
import org.convncf.trainer.model.ComputeSettings;
import org.convncf.trainer.model.TrainingContext;
import org.convncf.trainer.model.TrainingException;
import org.convncf.trainer.model.TrainingHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mini-batch BPR with Adagrad, the paper's recipe: per epoch, shuffle the training interactions;
 * pair each with one negative (uniform, or the best of several with dynamic negative sampling);
 * minimise softplus(−(ŷ_ui − ŷ_uj)) plus the L2 terms of {@link BprConfig}. Model selection uses
 * validation NDCG@10 only: the parameters of the best validated epoch are kept, training stops when
 * {@code patience} validations bring no improvement, and the last ten validated epochs are kept as
 * checkpoints for paper-style reporting.
 *
 * <p>Every batch's engine arrays live in an {@link NDScope} that closes with the batch, so native
 * memory stays flat across epochs.
 */
public final class BprTrainer {

    private static final Logger log = LoggerFactory.getLogger(BprTrainer.class);
    private static final int CHECKPOINTS = 10;

    private final String algorithm;
    private final Map<String, Object> hyperParameters;
    private final Interactions train;
    private final BprConfig config;
    private final EmbeddingTables tables;
    private final Histories histories;
    private final Supplier<Head> heads;
    private final TrainingContext context;

    /**
     * @param heads creates a fresh, unallocated head (one for training, one per checkpoint)
     */
    public BprTrainer(String algorithm, Map<String, Object> hyperParameters, Interactions train, BprConfig config,
            EmbeddingTables tables, Histories histories, Supplier<Head> heads, TrainingContext context) {
        this.algorithm = algorithm;
        this.hyperParameters = hyperParameters;
        this.train = train;
        this.config = config;
        this.tables = tables;
        this.histories = histories;
        this.heads = heads;
        this.context = context;
    }

    /** A moment of training: table values and head weights. */
    private record Snapshot(int epoch, EmbeddingTables.Snapshot tables, Map<String, float[]> head) {
    }

    public BprModel train() {
        Device device = Devices.resolve(context.compute());
        NDManager manager = NDManager.newBaseManager(device);
        try {
            return train(manager);
        } catch (RuntimeException | Error e) {
            manager.close();
            throw e;
        }
    }

    private BprModel train(NDManager manager) {
        long seed = context.seed();
        int dim = tables.dim();
        Head head = heads.get();
        head.initialize(manager, dim, new SplittableRandom(seed * 31 + 7));
        ParameterStore store = new ParameterStore(manager, false);
        List<Parameter> parameters = new ArrayList<>();
        head.block().getParameters().forEach(p -> parameters.add(p.getValue()));
        TripletSampler sampler = new TripletSampler(train, seed * 31 + 11);
        Batch batch = new Batch(config.batchSize(), dim, config.negativeCandidates());
        UserEmbedding liveUsers = tables.userEmbedding();

        List<TrainingHistory.Epoch> epochs = new ArrayList<>();
        Deque<Snapshot> lastValidated = new ArrayDeque<>();
        Snapshot best = null;
        double bestNdcg = Double.NEGATIVE_INFINITY;
        int sinceBest = 0;
        boolean stoppedEarly = false;
        long batches = (sampler.size() + config.batchSize() - 1) / config.batchSize();
        int microBatch = microBatch(context.compute(), manager.getDevice(), head, config.batchSize());
        VectorConvNcfStep fused = fusedStep(head, manager.getDevice());
        context.progress().message(algorithm + ": " + train.size() + " training interactions, " + batches
                + " batches of " + config.batchSize() + " per epoch" + (fused != null
                        ? ", network fused in Java (kernel vector, threads " + threads() + ")"
                        : " in passes of " + microBatch + ", device " + manager.getDevice() + ", engine threads "
                                + System.getProperty("ai.djl.pytorch.num_threads", "default")));

        try (Adagrad networkOptimizer = Adagrad.create((float) config.lrNetwork(), (float) config.adagradInitial());
                VectorConvNcfStep closedAfterTraining = fused) {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                boolean regularise = !(config.warmupEpoch() && epoch == 1);
                long start = System.nanoTime();
                sampler.shuffle();
                double lossSum = 0;
                long done = 0;
                for (int from = 0; from < sampler.size(); from += config.batchSize()) {
                    int b = Math.min(config.batchSize(), sampler.size() - from);
                    batch.fill(sampler, from, b, liveUsers, head, manager);
                    lossSum += fused != null ? fusedStep(fused, (ConvNcfHead) head, manager, batch, b, regularise)
                            : step(manager, store, head, parameters, networkOptimizer, batch, b, microBatch, regularise);
                    done++;
                    context.progress().batch(epoch, done, batches, lossSum / Math.min(sampler.size(), from + b));
                }
                double loss = lossSum / sampler.size();
                double seconds = (System.nanoTime() - start) / 1e9;
                if (!Double.isFinite(loss)) {
                    throw new TrainingException(algorithm + ": the training loss became " + loss + " in epoch " + epoch
                            + "; lower the learning rates (lrEmbedding=" + config.lrEmbedding() + ", lrNetwork="
                            + config.lrNetwork() + ")");
                }
                double hr = Double.NaN;
                double ndcg = Double.NaN;
                boolean validate = context.canValidate()
                        && (epoch % config.evalEvery() == 0 || epoch == config.epochs());
                if (validate) {
                    EvalResult r;
                    try (BprModel live = liveModel(head, manager)) {
                        r = context.validate(live);
                    }
                    ndcg = r.get("NDCG@10");
                    hr = r.metrics().containsKey("HR@10") ? r.get("HR@10") : r.get("Recall@10");
                    Snapshot now = new Snapshot(epoch, tables.snapshot(), head.weights());
                    lastValidated.addLast(now);
                    if (lastValidated.size() > CHECKPOINTS) {
                        lastValidated.removeFirst();
                    }
                    if (ndcg > bestNdcg) {
                        bestNdcg = ndcg;
                        best = now;
                        sinceBest = 0;
                    } else {
                        sinceBest++;
                    }
                }
                TrainingHistory.Epoch row = new TrainingHistory.Epoch(epoch, loss, seconds, hr, ndcg);
                epochs.add(row);
                context.progress().epoch(algorithm, row);
                if (validate && config.patience() > 0 && sinceBest >= config.patience()) {
                    stoppedEarly = epoch < config.epochs();
                    context.progress().message(algorithm + ": no better validation NDCG@10 for " + config.patience()
                            + " validations; stopping after epoch " + epoch + " (best: epoch " + best.epoch() + ")");
                    break;
                }
            }
        }

        Snapshot selected = best != null ? best
                : new Snapshot(epochs.size(), tables.snapshot(), head.weights());
        head.load(manager, dim, selected.head());
        TrainingHistory history = new TrainingHistory(epochs, selected.epoch(), stoppedEarly,
                head instanceof ConvNcfHead ? (fused != null ? "vector" : "engine") : "");
        List<Supplier<BprModel>> checkpoints = new ArrayList<>();
        for (Snapshot s : lastValidated) {
            checkpoints.add(() -> model(s, heads.get(), NDManager.newBaseManager(manager.getDevice()), true, history, List.of()));
        }
        log.info("{}: selected epoch {} of {}{}", algorithm, selected.epoch(), epochs.size(),
                best != null ? String.format(" (validation NDCG@10 %.4f)", bestNdcg) : " (no validation: last epoch)");
        return model(selected, head, manager, true, history, checkpoints);
    }

    /** A model over the live tables and head (it sees later updates; it does not own the manager). */
    private BprModel liveModel(Head head, NDManager manager) {
        return new BprModel(algorithm, hyperParameters, tables.userEmbedding(), tables.liveItemTable(), head, manager, false,
                histories, TrainingHistory.NONE, List.of());
    }

    private BprModel model(Snapshot s, Head head, NDManager manager, boolean loadWeights, TrainingHistory history,
            List<Supplier<BprModel>> checkpoints) {
        if (loadWeights) {
            head.load(manager, tables.dim(), s.head());
        }
        UserEmbedding users = new UserEmbedding(tables.kind(), tables.dim(), tables.alpha(), s.tables().user(),
                s.tables().history());
        return new BprModel(algorithm, hyperParameters, users, s.tables().item(), head, manager, true, histories, history,
                checkpoints);
    }

    /**
     * Triplets per forward/backward pass: the configured number, else the whole batch on a GPU and
     * the head's own choice on a CPU.
     */
    public static int microBatch(ComputeSettings compute, Device device, Head head, int batchSize) {
        if (compute.microBatch() != ComputeSettings.AUTO) {
            return compute.microBatch();
        }
        if (device.isGpu() || head.cpuMicroBatch() == 0) {
            return batchSize;
        }
        return Math.min(head.cpuMicroBatch(), batchSize);
    }

    /** The fused Java training step for a ConvNCF head where {@link #fusedKernel} says so, else null. */
    private VectorConvNcfStep fusedStep(Head head, Device device) {
        if (!(head instanceof ConvNcfHead convNcf)) {
            return null;
        }
        ConvNcfWeights initial = convNcf.weights(tables.dim());
        return fusedKernel(context.compute(), device, initial.channels())
                ? new VectorConvNcfStep(initial, config, threads()) : null;
    }

    /**
     * Whether ConvNCF's network trains with the fused Java kernel: {@code vector} wherever it can run
     * (a CPU, the Vector API module enabled, channels a multiple of the vector width) and an error
     * elsewhere; {@code auto} there under Java 21+ only (the JVM compiles it well from 21); never
     * with {@code engine}.
     */
    public static boolean fusedKernel(ComputeSettings compute, Device device, int channels) {
        if (compute.kernel().equals("engine")) {
            return false;
        }
        boolean module = ConvNcfScorers.vectorModuleEnabled();
        boolean runs = module && !device.isGpu() && VectorConvNcfStep.supports(channels);
        if (compute.kernel().equals("vector")) {
            if (!runs) {
                throw new IllegalArgumentException("kernel vector trains on a CPU only, with the JVM flag --add-modules"
                        + " jdk.incubator.vector (bin/java-env.sh sets it) and channels that are a multiple of the"
                        + " CPU's vector width (got " + channels + ")");
            }
            return true;
        }
        return runs && Runtime.version().feature() >= 21;
    }

    /** Threads of the fused step: the engine's setting (0 = one per core). */
    private int threads() {
        int threads = context.compute().threads();
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /**
     * One fused step: the network is updated in Java and copied into the head's block (which
     * validation, dynamic negatives and snapshots read); the tables are updated as on the engine path.
     */
    private double fusedStep(VectorConvNcfStep fused, ConvNcfHead head, NDManager manager, Batch batch, int b,
            boolean regularise) {
        int rows = 2 * b;
        float[] userGrads = new float[rows * tables.dim()];
        float[] itemGrads = new float[rows * tables.dim()];
        double loss = fused.step(batch.userVectors, batch.itemVectors, b, regularise, userGrads, itemGrads);
        head.setWeights(manager, fused.weights());
        tables.applyGradients(batch.users, batch.targets, batch.coefficients, rows, userGrads, itemGrads, histories,
                (float) config.lrEmbedding());
        return loss;
    }

    /** One optimisation step; returns the batch's summed loss. */
    private double step(NDManager manager, ParameterStore store, Head head, List<Parameter> parameters,
            Adagrad networkOptimizer, Batch batch, int b, int microBatch, boolean regularise) {
        int rows = 2 * b;
        int dim = tables.dim();
        float[] userGrads = new float[rows * dim];
        float[] itemGrads = new float[rows * dim];
        double loss = 0;
        // Micro-batches: the same sum of per-triplet losses (gradients accumulate in the head's
        // parameters), with temporaries small enough to stay cache- and allocator-friendly.
        for (int from = 0; from < b; from += microBatch) {
            int m = Math.min(microBatch, b - from);
            loss += microStep(manager, store, head, batch, b, from, m, regularise, from == 0, userGrads, itemGrads);
        }
        for (Parameter p : parameters) {
            NDArray w = p.getArray();
            try (NDArray grad = w.getGradient()) {
                networkOptimizer.update(p.getId(), w, grad);
                // PyTorch accumulates gradients across backward passes: clear them for the next step
                // (only ours: the collector's zeroGradients() walks every array of the engine).
                grad.subi(grad);
            }
        }
        tables.applyGradients(batch.users, batch.targets, batch.coefficients, rows, userGrads, itemGrads, histories,
                (float) config.lrEmbedding());
        return loss;
    }

    /**
     * Forward and backward for triplets {@code from .. from+m} of a batch of {@code b}: rows
     * {@code from..} (positives) and {@code b+from..} (negatives). Writes dL/df(u) and dL/dq_i of
     * those rows into the batch-wide gradient arrays. The network's L2 terms are added by the first
     * micro-batch of a step only, so that a step's loss is the same as without micro-batches.
     */
    private double microStep(NDManager manager, ParameterStore store, Head head, Batch batch, int b, int from, int m,
            boolean regularise, boolean networkPenalty, float[] userGrads, float[] itemGrads) {
        int dim = tables.dim();
        float[] uRows = new float[2 * m * dim];
        float[] vRows = new float[2 * m * dim];
        System.arraycopy(batch.userVectors, from * dim, uRows, 0, m * dim);
        System.arraycopy(batch.userVectors, (b + from) * dim, uRows, m * dim, m * dim);
        System.arraycopy(batch.itemVectors, from * dim, vRows, 0, m * dim);
        System.arraycopy(batch.itemVectors, (b + from) * dim, vRows, m * dim, m * dim);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray u = manager.create(uRows, new Shape(2L * m, dim));
            NDArray v = manager.create(vRows, new Shape(2L * m, dim));
            u.setRequiresGradient(true);
            v.setRequiresGradient(true);
            NDArray loss;
            try (GradientCollector collector = Engine.getEngine(manager.getEngine().getEngineName()).newGradientCollector()) {
                NDArray scores = head.block().forward(store, new NDList(u, v), true).singletonOrThrow();
                NDArray diff = scores.get(new NDIndex("0:" + m)).sub(scores.get(new NDIndex(m + ":")));
                loss = Activation.softPlus(diff.neg()).sum();
                if (regularise) {
                    if (config.lambdaUser() > 0) {
                        loss = loss.add(l2(u.get(new NDIndex("0:" + m)), config.lambdaUser()));
                    }
                    if (config.lambdaItem() > 0) {
                        loss = loss.add(l2(v, config.lambdaItem()));
                    }
                }
                if (regularise && networkPenalty) {
                    for (var pair : head.block().getParameters()) {
                        String name = pair.getKey();
                        double lambda = Head.isOutput(name) ? config.lambdaOutput() : config.lambdaNetwork();
                        if (Head.isRegularised(name) && lambda > 0) {
                            NDArray w = store.getValue(pair.getValue(), manager.getDevice(), true);
                            loss = loss.add(l2(w, lambda));
                        }
                    }
                }
                collector.backward(loss);
            }
            float[] gu = u.getGradient().toFloatArray();
            float[] gv = v.getGradient().toFloatArray();
            System.arraycopy(gu, 0, userGrads, from * dim, m * dim);
            System.arraycopy(gu, m * dim, userGrads, (b + from) * dim, m * dim);
            System.arraycopy(gv, 0, itemGrads, from * dim, m * dim);
            System.arraycopy(gv, m * dim, itemGrads, (b + from) * dim, m * dim);
            return loss.getFloat();
        }
    }

    /**
     * λ·Σx², with λ a tensor the engine owns. Not {@code x.square().sum().mul(lambda)}: DJL's
     * {@code mul(Number)} wraps the scalar around a Java direct buffer and closes it as soon as the
     * product exists, while autograd keeps that scalar for the backward pass. A garbage collection in
     * between frees the buffer, and the gradient is then scaled by whatever reuses the memory (seen:
     * 2000·x instead of x, and models that differed from run to run on the same seed).
     * {@code AutogradOperandsTest} keeps any such call out of the trainer.
     */
    static NDArray l2(NDArray x, double lambda) {
        return x.square().sum().mul(x.getManager().full(new Shape(), (float) lambda));
    }

    /** The reusable host-side arrays of one batch: rows 0..b-1 are (u, i), rows b..2b-1 are (u, j). */
    private final class Batch {
        final int[] users;
        final int[] targets;
        final float[] coefficients;
        final float[] userVectors;
        final float[] itemVectors;
        /** Per triplet, the sum of its user's history rows (FISM, SVD++). */
        private final float[] historySums;
        private final int dim;
        private final int candidates;
        private final int[] candidateUsers;
        private final int[] candidateItems;
        private final float[] candidateScores;

        Batch(int batchSize, int dim, int candidates) {
            this.dim = dim;
            this.candidates = candidates;
            users = new int[2 * batchSize];
            targets = new int[2 * batchSize];
            coefficients = new float[2 * batchSize];
            userVectors = new float[2 * batchSize * dim];
            historySums = new float[batchSize * dim];
            itemVectors = new float[2 * batchSize * dim];
            int c = candidates > 1 ? batchSize * candidates : 0;
            candidateUsers = new int[c];
            candidateItems = new int[c];
            candidateScores = new float[c];
        }

        void fill(TripletSampler sampler, int from, int b, UserEmbedding userEmbedding, Head head, NDManager manager) {
            int[] h = histories.items();
            boolean sums = userEmbedding.kind().usesHistory();
            for (int k = 0; k < b; k++) {
                int user = sampler.user(from + k);
                users[k] = user;
                users[b + k] = user;
                targets[k] = sampler.item(from + k);
                // The history is summed once per triplet: its positive and negative rows share it.
                if (sums) {
                    userEmbedding.historySum(h, histories.from(user), histories.to(user), historySums, k * dim);
                }
                coefficients[k] = userEmbedding.embedFromSum(user, h, histories.from(user), histories.to(user),
                        targets[k], historySums, k * dim, userVectors, k * dim);
            }
            if (candidates > 1) {
                try (BprModel live = liveModel(head, manager)) {
                    dynamicNegatives(sampler, b, live);
                }
            } else {
                for (int k = 0; k < b; k++) {
                    targets[b + k] = sampler.negative(users[k]);
                }
            }
            for (int k = 0; k < b; k++) {
                int user = users[k];
                coefficients[b + k] = userEmbedding.embedFromSum(user, h, histories.from(user), histories.to(user),
                        targets[b + k], historySums, k * dim, userVectors, (b + k) * dim);
            }
            tables.itemVectors(targets, 2 * b, itemVectors);
        }

        /** Dynamic negative sampling: of {@code candidates} uniform negatives, keep the highest-scoring. */
        private void dynamicNegatives(TripletSampler sampler, int b, BprModel live) {
            for (int k = 0; k < b; k++) {
                for (int c = 0; c < candidates; c++) {
                    int row = k * candidates + c;
                    candidateUsers[row] = users[k];
                    candidateItems[row] = sampler.negative(users[k]);
                }
            }
            live.scorePairs(candidateUsers, candidateItems, b * candidates, candidateScores);
            for (int k = 0; k < b; k++) {
                int bestRow = k * candidates;
                for (int c = 1; c < candidates; c++) {
                    if (candidateScores[k * candidates + c] > candidateScores[bestRow]) {
                        bestRow = k * candidates + c;
                    }
                }
                targets[b + k] = candidateItems[bestRow];
            }
        }
    }
}
