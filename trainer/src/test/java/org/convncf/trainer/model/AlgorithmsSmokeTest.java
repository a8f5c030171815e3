package org.convncf.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.convncf.nn.Embeddings;
import org.convncf.nn.ServingModel;
import org.convncf.nn.UserEmbedding;
import org.convncf.rank.ItemItemWeights;
import org.convncf.rank.UserNeighbours;
import org.convncf.store.Gate;
import org.convncf.store.ModelStore;
import org.convncf.store.PublishResult;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.eval.EvalResult;
import org.convncf.trainer.eval.Split;
import org.convncf.trainer.model.bpr.BprModel;
import org.convncf.trainer.model.bpr.BprTrainer;
import org.convncf.trainer.model.bpr.ConvNcfHead;
import org.convncf.trainer.model.ease.Ease;
import org.convncf.trainer.model.knn.ItemItemModel;
import org.convncf.trainer.model.userknn.UserKnn;
import org.convncf.trainer.run.Experiment;
import org.convncf.trainer.run.ModelPublisher;
import org.convncf.trainer.run.ModelRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One quick epoch of every algorithm in the registry on a small real dataset (ml-100k users 1..100,
 * leave-one-out, 49 negatives), evaluated through the {@link Experiment}; servable models also go
 * through {@link ModelPublisher} → {@link ModelStore} → {@link ServingModel#read} and must come back
 * unchanged. Adding a model to {@link Algorithms} adds it here. No accuracy is asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AlgorithmsSmokeTest {

    private static final int USERS = 100;

    @TempDir
    Path storeDir;

    private Split split;
    private Experiment experiment;

    @BeforeAll
    void setUp() {
        split = ModelFixtures.split(USERS);
        experiment = new Experiment(split, ModelFixtures.SEED, ModelFixtures.cpu(), 0, ModelFixtures.quiet(),
                ModelFixtures.overrides(ModelFixtures.smallSettings()));
    }

    @AfterAll
    void tearDown() {
        if (experiment != null) {
            experiment.close();
        }
    }

    Stream<String> algorithms() {
        return Algorithms.all().stream().map(Algorithm::name);
    }

    @Test
    void registryNamesAreUniqueAndResolvable() {
        List<String> names = Algorithms.all().stream().map(Algorithm::name).toList();
        assertThat(names).doesNotHaveDuplicates().isNotEmpty();
        for (Algorithm<?> a : Algorithms.all()) {
            assertThat(a.name()).matches("[a-z0-9][a-z0-9+-]*");
            assertThat(Algorithms.byName(" " + a.name().toUpperCase(java.util.Locale.ROOT) + " ")).isSameAs(a);
            assertThat(a.description()).isNotBlank();
            // Defaults bind onto themselves (every default passes its own validation).
            assertThat(HyperParameters.bind(a.defaults(), Map.of())).isEqualTo(a.defaults());
        }
        assertThat(Algorithms.names().split(", ")).containsExactlyElementsOf(names);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("algorithms")
    void oneEpochTrainsEvaluatesAndPublishes(String name) {
        ModelRun run = experiment.run(name);
        Model model = run.model();

        assertThat(run.algorithm()).isEqualTo(name);
        assertThat(model.algorithm()).isEqualTo(name);
        assertMetrics(run.validation(), split.validationUsers());
        assertMetrics(run.test(), split.info().testUsers());
        Map<String, Object> hp = model.hyperParameters();
        assertThat(hp.keySet()).containsExactlyElementsOf(HyperParameters.toMap(Algorithms.byName(name).defaults()).keySet());
        ModelFixtures.overrides(ModelFixtures.smallSettings()).getOrDefault(name, Map.of())
                .forEach((k, v) -> assertThat(String.valueOf(hp.get(k))).as(k).isEqualTo(v));

        if (model instanceof BprModel bpr) {
            TrainingHistory history = bpr.history();
            assertThat(history.epochs()).hasSize(1);
            assertThat(history.selectedEpoch()).isEqualTo(1);
            TrainingHistory.Epoch e = history.epochs().get(0);
            assertThat(e.loss()).isFinite().isPositive();
            assertThat(e.evaluated()).isTrue();
            assertThat(e.validationNdcg10()).isEqualTo(run.validation().get("NDCG@10"), within(1e-9));
            assertThat(run.paperStyleTest()).isNotNull();
            assertThat(run.paperStyleTest().get("NDCG@10")).isEqualTo(run.test().get("NDCG@10"), within(1e-6));
        }
        assertPairAndFullScoresAgree(model, split.train());

        assertThat(ModelPublisher.servable(model)).isEqualTo(model instanceof ItemItemModel || model instanceof Ease.EaseModel
                || model instanceof UserKnn.UserKnnModel || model instanceof BprModel b && (b.head().isDot() || b.head() instanceof ConvNcfHead));
        assertThat(ModelPublisher.servable(Algorithms.byName(name))).isEqualTo(ModelPublisher.servable(model));
        if (model instanceof ItemItemModel itemItem) {
            roundTripItemItem(name, run, itemItem.bySource().nnz());
        } else if (model instanceof Ease.EaseModel ease) {
            roundTripItemItem(name, run, nonZero(ease));
        } else if (model instanceof UserKnn.UserKnnModel) {
            roundTripUserUser(run);
        } else if (ModelPublisher.servable(model)) {
            roundTrip(name, run);
        }
    }

    private static void assertMetrics(EvalResult r, int users) {
        assertThat(r.users()).isEqualTo(users);
        assertThat(r.metrics()).containsKeys("HR@5", "HR@10", "HR@20", "NDCG@5", "NDCG@10", "NDCG@20");
        r.metrics().forEach((k, v) -> assertThat(v).as(k).isFinite().isBetween(0.0, 1.0));
        assertThat(r.get("HR@10")).isGreaterThanOrEqualTo(r.get("NDCG@10"));
        assertThat(r.get("HR@20")).isGreaterThanOrEqualTo(r.get("HR@10"));
    }

    /** scorePairs (runs of one user, and single pairs) agrees with scoreAllItems for one user. */
    private static void assertPairAndFullScoresAgree(Model model, Interactions train) {
        int user = 3;
        int n = Math.min(40, train.numItems());
        float[] all = new float[train.numItems()];
        model.scoreAllItems(user, all);
        int[] users = new int[n];
        int[] items = new int[n];
        for (int k = 0; k < n; k++) {
            users[k] = user;
            items[k] = (k * 37) % train.numItems();
        }
        float[] pairs = new float[n];
        model.scorePairs(users, items, n, pairs);
        float[] one = new float[1];
        for (int k = 0; k < n; k++) {
            assertThat(pairs[k]).as("item %d", items[k]).isFinite().isCloseTo(all[items[k]], within(1e-4f));
            if (k < 3) {
                model.scorePairs(new int[] {user}, new int[] {items[k]}, 1, one);
                assertThat(one[0]).isCloseTo(pairs[k], within(1e-4f));
            }
        }
    }

    /** Publishes {@code run} to the store and reads it back as the service does. */
    private ServingModel publishAndRead(String name, ModelRun run) {
        Interactions train = split.train();
        ModelStore store = new ModelStore(storeDir);
        PublishResult published = new ModelPublisher(store).publish(name, run, split, dep -> experiment.run(dep).model(),
                Gate.always(), new LinkedHashMap<>(Map.of("dataset", split.info().dataset(), "seed", ModelFixtures.SEED)));
        assertThat(published.current()).isTrue();
        assertThat(store.currentVersion(name)).contains(published.version());

        ServingModel served = ServingModel.read(store.openCurrent(name));
        assertThat(served.users()).isEqualTo(train.users());
        assertThat(served.items()).isEqualTo(train.items());
        assertThat(served.users().size()).isEqualTo(train.numUsers());
        assertThat(served.items().size()).isEqualTo(train.numItems());
        // Every training interaction (f(u) or the item-item scores use the most recent historyLength; all
        // are excluded when serving), popularity, protocol and metrics.
        for (int u = 0; u < train.numUsers(); u++) {
            assertThat(java.util.Arrays.copyOfRange(served.historyItems(), served.historyOffsets()[u],
                    served.historyOffsets()[u + 1])).containsExactly(train.itemsOf(u));
        }
        assertThat(served.popularity()).containsExactly(train.itemCounts());
        assertThat(served.manifest().metric("test", "NDCG@10")).hasValue(run.test().get("NDCG@10"));
        assertThat(served.manifest().metric("validation", "HR@10")).hasValue(run.validation().get("HR@10"));
        assertThat(((Number) served.manifest().split().get("seed")).longValue()).isEqualTo(ModelFixtures.SEED);
        return served;
    }

    /** EASE^R's weights the service holds: every entry of B but the zeros (the diagonal at least). */
    private static int nonZero(Ease.EaseModel ease) {
        int n = 0;
        for (int i = 0; i < ease.numItems(); i++) {
            assertThat(ease.weight(i, i)).isZero();
            for (int j = 0; j < ease.numItems(); j++) {
                n += ease.weight(i, j) != 0f ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * An item-item model is served from its {@code weights} kept weights, and scores every training user
     * exactly as evaluated.
     */
    private void roundTripItemItem(String name, ModelRun run, int weights) {
        Model model = run.model();
        ServingModel served = publishAndRead(name, run);
        assertThat(served.isNeighbourhood()).isTrue();
        assertThat(served.isUserUser()).isFalse();
        assertThat(served.isConvNcf()).isFalse();
        assertThat(served.scoring()).isNull();
        assertThat(served.interaction()).isEqualTo("itemitem");
        assertThat(served.variant()).isEqualTo(name);
        assertThat(served.manifest().architecture()).containsEntry("interaction", "itemitem").containsEntry("algorithm", name);
        assertThat(((ItemItemWeights) served.neighbours()).size()).isEqualTo(weights);
        assertScoresEveryTrainingUserAsEvaluated(model, served);
    }

    /**
     * UserKNN is served from the training histories as its profiles, finds each training user's
     * neighbours again from their items, and scores every training user exactly as evaluated.
     */
    private void roundTripUserUser(ModelRun run) {
        UserKnn.UserKnnModel model = (UserKnn.UserKnnModel) run.model();
        ServingModel served = publishAndRead("userknn", run);
        assertThat(served.isUserUser()).isTrue();
        assertThat(served.isNeighbourhood()).isTrue();
        assertThat(served.scoring()).isNull();
        assertThat(served.interaction()).isEqualTo("useruser");
        assertThat(served.variant()).isEqualTo("userknn");
        assertThat(served.manifest().architecture()).containsEntry("interaction", "useruser")
                .containsEntry("topK", model.config().topK()).containsEntry("shrink", model.config().shrink());
        UserNeighbours profiles = (UserNeighbours) served.neighbours();
        assertThat(profiles.topK()).isEqualTo(model.config().topK());
        assertThat(profiles.numUsers()).isEqualTo(split.train().numUsers());
        assertScoresEveryTrainingUserAsEvaluated(model, served);
    }

    /** Every training user, scored by the service from their training items, gets the evaluated scores bit for bit. */
    private void assertScoresEveryTrainingUserAsEvaluated(Model model, ServingModel served) {
        Interactions train = split.train();
        int longest = 0;
        for (int u = 0; u < train.numUsers(); u++) {
            longest = Math.max(longest, train.itemsOf(u).length);
        }
        assertThat(served.historyLength()).isEqualTo(longest);
        float[] expected = new float[train.numItems()];
        float[] actual = new float[train.numItems()];
        for (int u = 0; u < train.numUsers(); u++) {
            model.scoreAllItems(u, expected);
            int from = served.historyOffsets()[u];
            int[] history = java.util.Arrays.copyOfRange(served.historyItems(), from, served.historyOffsets()[u + 1]);
            served.neighbours().score(u, history, history.length, actual);
            assertThat(actual).as("user %d", u).containsExactly(expected);
        }
    }

    private void roundTrip(String name, ModelRun run) {
        BprModel model = (BprModel) run.model();
        Interactions train = split.train();
        ServingModel served = publishAndRead(name, run);

        // Scoring tables and network: exactly the trained model's.
        assertSameEmbeddings(served.scoring(), model.userEmbedding(), model.itemTable());
        boolean convNcf = model.head() instanceof ConvNcfHead;
        assertThat(served.isConvNcf()).isEqualTo(convNcf);
        Map<String, Object> arch = served.manifest().architecture();
        assertThat(arch).containsEntry("interaction", convNcf ? "convncf" : "dot")
                .containsEntry("userEmbedding", model.userEmbedding().kind().label());
        assertThat(((Number) arch.get("embeddingSize")).intValue()).isEqualTo(16);
        if (convNcf) {
            assertThat(served.network()).isEqualTo(((ConvNcfHead) model.head()).weights(model.dim()));
            assertThat(served.network().channels()).isEqualTo(4);
            assertThat(served.network().layers()).isEqualTo(4);
            assertThat(((Number) arch.get("channels")).intValue()).isEqualTo(4);
            // The manifest names the kernel that trained the network (its float rounding is the kernel's).
            String kernel = BprTrainer.fusedKernel(ModelFixtures.cpu(), Device.cpu(), 4) ? "vector" : "engine";
            assertThat(model.history().kernel()).isEqualTo(kernel);
            assertThat(served.manifest().training()).containsEntry("kernel", kernel);
            // Candidates come from the shallow model ConvNCF was pre-trained from.
            String source = (String) model.hyperParameters().get("pretrain");
            BprModel shallow = (BprModel) experiment.run(source).model();
            assertSameEmbeddings(served.retrieval(), shallow.userEmbedding(), shallow.itemTable());
        } else {
            assertThat(served.network()).isNull();
            assertThat(served.manifest().training()).doesNotContainKey("kernel");
            assertSameEmbeddings(served.retrieval(), model.userEmbedding(), model.itemTable());
        }

        assertThat(served.historyLength()).isEqualTo(32);
        int[] capped = model.histories().items();
        int u0 = 0;
        assertThat(java.util.Arrays.copyOfRange(served.historyItems(), served.historyOffsets()[u0 + 1]
                - (model.histories().to(u0) - model.histories().from(u0)), served.historyOffsets()[u0 + 1]))
                .containsExactly(java.util.Arrays.copyOfRange(capped, model.histories().from(u0), model.histories().to(u0)));
        assertThat(served.manifest().file("epochs.csv")).isPresent();
        assertThat(served.manifest().file("learning-curve.png")).isPresent();

        // The served dot-product scores are the model's.
        if (!convNcf) {
            int user = 5;
            float[] f = new float[model.dim()];
            // The service embeds the most recent events, as many as the model was trained with.
            int end = served.historyOffsets()[user + 1];
            int recent = model.histories().to(user) - model.histories().from(user);
            served.scoring().users().embed(user, served.historyItems(), end - recent, end, -1, f, 0);
            float[] expected = new float[4];
            int[] items = {0, 1, 2, 3};
            model.scorePairs(new int[] {user, user, user, user}, items, 4, expected);
            for (int k = 0; k < 4; k++) {
                assertThat(served.scoring().dot(f, items[k])).isCloseTo(expected[k], within(1e-5f));
            }
        }
    }

    private static void assertSameEmbeddings(Embeddings served, UserEmbedding users, float[] itemTable) {
        assertThat(served.users().kind()).isEqualTo(users.kind());
        assertThat(served.dim()).isEqualTo(users.dim());
        assertThat(served.users().alpha()).isEqualTo(users.alpha());
        assertThat(served.itemTable()).containsExactly(itemTable);
        if (users.userTable() == null) {
            assertThat(served.users().userTable()).isNull();
        } else {
            assertThat(served.users().userTable()).containsExactly(users.userTable());
        }
        if (users.historyTable() == null) {
            assertThat(served.users().historyTable()).isNull();
        } else {
            assertThat(served.users().historyTable()).containsExactly(users.historyTable());
        }
    }
}
