package org.convncf.trainer.model.bpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.convncf.nn.ConvNcfWeights;
import org.convncf.nn.UserEmbeddingKind;
import org.convncf.store.IdMap;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.model.ComputeSettings;
import org.convncf.trainer.model.TrainingContext;
import org.convncf.trainer.model.TrainingHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fused Java training step against the engine's (the DJL block and libtorch's autograd): from
 * the same tables, network and triplets, one step with every loss term switched on (λ_user, λ_item,
 * the network's λ3 and the output's λ4) leaves the same tables, network and loss to float rounding,
 * for each user-embedding function; splitting the step across threads does not change it.
 */
@Timeout(value = 120)
class VectorConvNcfStepTest {

    private static final int K = 8;
    private static final int CHANNELS = 16;
    private static final Interactions TRAIN = interactions(40, 60, 11L);

    @ParameterizedTest
    @EnumSource(UserEmbeddingKind.class)
    void oneStepIsTheEnginesStep(UserEmbeddingKind kind) {
        // One batch holds every training interaction: one step, compared after it.
        BprConfig config = config(100_000, 1);
        try (BprModel engine = train(kind, config, new ComputeSettings("cpu", 1, 0, "engine"));
                BprModel vector = train(kind, config, new ComputeSettings("cpu", 1, 0, "vector"))) {
            assertSameModel(vector, engine);
            assertThat(changed(vector.itemTable(), kind)).as("the step moved the item table").isTrue();
        }
    }

    @Test
    void threadsSplitAStepWithoutChangingIt() {
        BprConfig config = config(100_000, 1);
        try (BprModel one = train(UserEmbeddingKind.SVDPP, config, new ComputeSettings("cpu", 1, 0, "vector"));
                BprModel three = train(UserEmbeddingKind.SVDPP, config, new ComputeSettings("cpu", 3, 0, "vector"))) {
            assertSameModel(three, one);
        }
    }

    @Test
    void severalStepsStayWithTheEngine() {
        // Batches of 64 over three epochs: float-order differences may tip a ReLU here and there, so
        // the losses are compared, not the weights.
        BprConfig config = config(64, 3);
        try (BprModel engine = train(UserEmbeddingKind.FISM, config, new ComputeSettings("cpu", 1, 0, "engine"));
                BprModel vector = train(UserEmbeddingKind.FISM, config, new ComputeSettings("cpu", 2, 0, "vector"))) {
            List<TrainingHistory.Epoch> e = engine.history().epochs();
            List<TrainingHistory.Epoch> v = vector.history().epochs();
            assertThat(v).hasSameSizeAs(e);
            for (int i = 0; i < e.size(); i++) {
                double loss = e.get(i).loss();
                assertThat(v.get(i).loss()).as("epoch %d loss", i + 1).isCloseTo(loss, within(1e-4 * loss));
            }
            assertThat(e.get(2).loss()).as("training moved").isLessThan(e.get(0).loss());
        }
    }

    @Test
    void theJitDoesNotChangeTheStep() throws Exception {
        // The Vector API runs its lane-by-lane Java fallback until C2 compiles the kernel; a float sum
        // whose order the JIT chooses (reduceLanes) made a run's digits depend on when that happened.
        // Steps compiled here (after a warm-up) must leave the bits of a JVM that only interprets. Java
        // 17's C2 keeps lane order, so there it holds either way; on Java 25 it failed before laneSum.
        for (int i = 0; i < 20; i++) {
            Replay.run(100);
        }
        long compiled = Replay.run(Replay.STEPS);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xint", "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path")));
        // this JVM's -XX options too: -XX:UseAVX=2, say, changes the vector width and with it the digits
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-XX:"))
                .forEach(command::add);
        command.add(Replay.class.getName());
        Process interpreter = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String printed = new String(interpreter.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(interpreter.waitFor(60, TimeUnit.SECONDS)).as("the interpreted replay finished").isTrue();
        assertThat(interpreter.exitValue()).as("the interpreted replay's exit status").isZero();
        assertThat(printed).isEqualTo(Long.toString(compiled));
    }

    /** A few fused steps from fixed weights and vectors, hashed bit for bit; run in a JVM of its own by main. */
    static final class Replay {

        static final int STEPS = 3;

        public static void main(String[] args) {
            System.out.println(run(STEPS));
        }

        static long run(int steps) {
            int b = 16;
            SplittableRandom rnd = new SplittableRandom(3L);
            float[] users = new float[2 * b * K];
            float[] items = new float[2 * b * K];
            for (int i = 0; i < users.length; i++) {
                users[i] = (float) rnd.nextDouble(-1, 1);
                items[i] = (float) rnd.nextDouble(-1, 1);
            }
            long hash = 17;
            try (VectorConvNcfStep step = new VectorConvNcfStep(ConvNcfWeights.random(K, CHANNELS, 9L), config(b, 1), 1)) {
                for (int s = 0; s < steps; s++) {
                    float[] userGrads = new float[users.length];
                    float[] itemGrads = new float[items.length];
                    double loss = step.step(users, items, b, true, userGrads, itemGrads);
                    hash = 31 * (31 * (31 * hash + Double.hashCode(loss)) + Arrays.hashCode(userGrads))
                            + Arrays.hashCode(itemGrads);
                }
                ConvNcfWeights w = step.weights();
                for (int l = 0; l < w.layers(); l++) {
                    hash = 31 * (31 * hash + Arrays.hashCode(w.weight(l))) + Arrays.hashCode(w.bias(l));
                }
                return 31 * hash + Arrays.hashCode(w.output());
            }
        }
    }

    @Test
    void theKernelSettingChoosesTheStep() {
        Device cpu = Device.cpu();
        assertThat(BprTrainer.fusedKernel(new ComputeSettings("cpu", 0, 0, "engine"), cpu, CHANNELS)).isFalse();
        assertThat(BprTrainer.fusedKernel(new ComputeSettings("cpu", 0, 0, "vector"), cpu, CHANNELS)).isTrue();
        assertThat(BprTrainer.fusedKernel(new ComputeSettings("cpu", 0), cpu, CHANNELS))
                .isEqualTo(Runtime.version().feature() >= 21);
        assertThat(BprTrainer.fusedKernel(new ComputeSettings("auto", 0), Device.gpu(), CHANNELS)).isFalse();
        assertThatThrownBy(() -> BprTrainer.fusedKernel(new ComputeSettings("gpu", 0, 0, "vector"), Device.gpu(), CHANNELS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernel vector trains on a CPU only");
        assertThatThrownBy(() -> BprTrainer.fusedKernel(new ComputeSettings("cpu", 0, 0, "vector"), cpu, 13))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(got 13)");
        assertThat(BprTrainer.fusedKernel(new ComputeSettings("cpu", 0), cpu, 13)).as("auto falls back").isFalse();
    }

    @Test
    void anUnknownKernelIsRefused() {
        assertThatThrownBy(() -> new ComputeSettings("cpu", 0, 0, "fast")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kernel must be auto, engine or vector, got 'fast'");
    }

    private static BprConfig config(int batchSize, int epochs) {
        // factors, epochs, batchSize, lrEmbedding, lrNetwork, λ_user, λ_item, λ3, λ4, evalEvery, patience,
        // negative candidates, initStd, Adagrad initial, warm-up epoch, history length, α, pretrain
        return new BprConfig(K, epochs, batchSize, 0.05, 0.05, 0.01, 0.02, 0.03, 0.1, 1, 0, 1, 0.3, 0.1, false, 32, 0.5, "");
    }

    private static BprModel train(UserEmbeddingKind kind, BprConfig config, ComputeSettings compute) {
        EmbeddingTables tables = EmbeddingTables.random(kind, K, 0.5f, TRAIN.numUsers(), TRAIN.numItems(),
                config.initStd(), (float) config.adagradInitial(), 5L);
        TrainingContext context = TrainingContext.of(7L, compute, null, new TrainingContext.ProgressListener() {
        }, null);
        return new BprTrainer("convncf-test", Map.of(), TRAIN, config, tables,
                Histories.recent(TRAIN, config.historyLength()), () -> new ConvNcfHead(K, CHANNELS), context).train();
    }

    private static void assertSameModel(BprModel actual, BprModel expected) {
        assertClose(actual.itemTable(), expected.itemTable(), "item table");
        if (expected.userEmbedding().userTable() != null) {
            assertClose(actual.userEmbedding().userTable(), expected.userEmbedding().userTable(), "user table");
        }
        if (expected.userEmbedding().historyTable() != null) {
            assertClose(actual.userEmbedding().historyTable(), expected.userEmbedding().historyTable(), "history table");
        }
        Map<String, float[]> network = expected.head().weights();
        assertThat(actual.head().weights().keySet()).isEqualTo(network.keySet());
        network.forEach((name, w) -> assertClose(actual.head().weights().get(name), w, name));
        double loss = expected.history().epochs().get(0).loss();
        assertThat(actual.history().epochs().get(0).loss()).isCloseTo(loss, within(1e-5 * loss));
    }

    private static boolean changed(float[] items, UserEmbeddingKind kind) {
        float[] initial = EmbeddingTables.random(kind, K, 0.5f, TRAIN.numUsers(), TRAIN.numItems(), 0.3, 0.1f, 5L)
                .snapshot().item();
        for (int i = 0; i < items.length; i++) {
            if (Math.abs(items[i] - initial[i]) > 1e-3f) {
                return true;
            }
        }
        return false;
    }

    private static void assertClose(float[] actual, float[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s element %d", what, i)
                    .isCloseTo(expected[i], within(1e-4f * Math.max(1f, Math.abs(expected[i]))));
        }
    }

    /** {@code users} users with 3 to 8 distinct random items each. */
    private static Interactions interactions(int users, int items, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] offsets = new int[users + 1];
        int[][] rows = new int[users][];
        for (int u = 0; u < users; u++) {
            rows[u] = rnd.ints(0, items).distinct().limit(3 + rnd.nextInt(6)).sorted().toArray();
            offsets[u + 1] = offsets[u] + rows[u].length;
        }
        int[] flat = new int[offsets[users]];
        for (int u = 0; u < users; u++) {
            System.arraycopy(rows[u], 0, flat, offsets[u], rows[u].length);
        }
        return Interactions.ofCsr(IdMap.range(users), IdMap.range(items), offsets, flat, null);
    }
}
