package org.convncf.trainer.model.bpr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.convncf.trainer.TestData;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.eval.Scorer;
import org.convncf.trainer.eval.Split;
import org.convncf.trainer.eval.Splits;
import org.convncf.trainer.model.ModelFixtures;
import org.convncf.trainer.run.Experiment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Training never sees a held-out item. The held-out items are recomputed here from the raw ml-100k
 * file (test = the user's latest rating by timestamp) and read off the split only through the
 * scores it asks for; then MF and FISM are trained through the {@link Experiment} and what they
 * consumed — the histories built from the view {@code fit} received, and the sampler's triplets —
 * is compared with them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TrainingLeakTest {

    private static final int USERS = 100;

    /** External user id → external item id → timestamp, read from u.data here. */
    private final Map<String, Map<String, Long>> raw = new LinkedHashMap<>();
    private Split split;
    /** Internal user → held-out items (external ids) of the test and validation sets. */
    private final Map<Integer, String> testItem = new HashMap<>();
    private final Map<Integer, String> validationItem = new HashMap<>();

    @BeforeAll
    void setUp() throws IOException {
        var file = TestData.dataset("ml-100k").resolve("u.data.gz");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split("\t");
                if (Integer.parseInt(f[0]) <= USERS) {
                    raw.computeIfAbsent(f[0], u -> new HashMap<>()).merge(f[1], Long.parseLong(f[3]), Math::max);
                }
            }
        }
        split = ModelFixtures.split(USERS);
        // The held-out positive of each candidate list is the one candidate the user rated.
        split.evaluateTest(recorder(testItem));
        split.evaluateValidation(recorder(validationItem));
    }

    /** A scorer that records, per user, the candidate that is in the user's raw ratings. */
    private Scorer recorder(Map<Integer, String> heldOut) {
        Interactions train = split.train();
        return new Scorer() {
            @Override
            public void scorePairs(int[] users, int[] items, int n, float[] out) {
                for (int k = 0; k < n; k++) {
                    String user = train.users().externalId(users[k]);
                    String item = train.items().externalId(items[k]);
                    if (raw.get(user).containsKey(item)) {
                        String previous = heldOut.put(users[k], item);
                        assertThat(previous == null || previous.equals(item)).as("one held-out item per user").isTrue();
                    }
                }
            }

            @Override
            public void scoreAllItems(int user, float[] out) {
                throw new AssertionError("the sampled protocol scores candidates only");
            }
        };
    }

    /** The user's items with the latest timestamp (several when the latest second is shared). */
    private Set<String> latest(String user) {
        Map<String, Long> r = raw.get(user);
        long max = r.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        Set<String> out = new HashSet<>();
        r.forEach((item, t) -> {
            if (t == max) {
                out.add(item);
            }
        });
        return out;
    }

    @Test
    void heldOutItemsAreTheLatestAndARandomOtherAndTheTrainingViewIsTheRest() {
        Interactions train = split.train();
        assertThat(raw).hasSize(USERS);
        assertThat(testItem).hasSize(USERS);
        assertThat(validationItem).hasSize(USERS);
        long expectedSize = 0;
        for (int u = 0; u < train.numUsers(); u++) {
            String user = train.users().externalId(u);
            assertThat(latest(user)).as("user %s", user).contains(testItem.get(u));
            assertThat(validationItem.get(u)).isNotEqualTo(testItem.get(u));
            Set<String> expected = new HashSet<>(raw.get(user).keySet());
            expected.remove(testItem.get(u));
            expected.remove(validationItem.get(u));
            Set<String> actual = new HashSet<>();
            for (int i : train.itemsOf(u)) {
                actual.add(train.items().externalId(i));
            }
            assertThat(actual).as("training items of user %s", user).isEqualTo(expected);
            expectedSize += expected.size();
        }
        assertThat((long) train.size()).isEqualTo(expectedSize);
    }

    @Test
    void mfAndFismTrainOnTheTrainingViewOnly() {
        Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
        // A history cap above every degree: the histories then hold the whole view that fit received.
        overrides.put("mf", Map.of("factors", "8", "epochs", "2", "historyLength", "100000"));
        overrides.put("fism", Map.of("factors", "8", "epochs", "2", "historyLength", "32"));
        try (Experiment experiment = new Experiment(split, ModelFixtures.SEED, ModelFixtures.cpu(), 0,
                ModelFixtures.quiet(), overrides)) {
            BprModel mf = (BprModel) experiment.run("mf").model();
            BprModel fism = (BprModel) experiment.run("fism").model();
            assertThat(mf.history().epochs()).hasSize(2);
            assertThat(fism.history().epochs()).hasSize(2);
            Interactions train = split.train();

            Histories all = mf.histories();
            for (int u = 0; u < train.numUsers(); u++) {
                Set<String> seen = external(train, all, u);
                assertThat(seen).as("user %d", u).doesNotContain(testItem.get(u), validationItem.get(u));
                assertThat(all.to(u) - all.from(u)).isEqualTo(train.degree(u));
                for (int k = all.from(u); k < all.to(u); k++) {
                    assertThat(train.contains(u, all.items()[k])).isTrue();
                }
            }

            // FISM embeds users from their 32 most recent training items, never a held-out one.
            Histories recent = fism.histories();
            for (int u = 0; u < train.numUsers(); u++) {
                assertThat(recent.to(u) - recent.from(u)).isEqualTo(Math.min(32, train.degree(u)));
                assertThat(external(train, recent, u)).doesNotContain(testItem.get(u), validationItem.get(u));
                int[] items = train.itemsOf(u);
                for (int k = 0; k < recent.to(u) - recent.from(u); k++) {
                    assertThat(recent.items()[recent.from(u) + k])
                            .isEqualTo(items[items.length - (recent.to(u) - recent.from(u)) + k]);
                }
            }
        }
    }

    private static Set<String> external(Interactions train, Histories h, int u) {
        Set<String> out = new HashSet<>();
        for (int k = h.from(u); k < h.to(u); k++) {
            out.add(train.items().externalId(h.items()[k]));
        }
        return out;
    }

    @Test
    void samplerVisitsTrainingPairsOnlyAndDoesNotKnowTheHeldOutItems() {
        Interactions train = split.train();
        TripletSampler sampler = new TripletSampler(train, 11L);
        int heldOutNegatives = 0;
        for (int epoch = 0; epoch < 3; epoch++) {
            sampler.shuffle();
            Set<Long> visited = new HashSet<>();
            for (int k = 0; k < sampler.size(); k++) {
                int u = sampler.user(k);
                int i = sampler.item(k);
                assertThat(train.contains(u, i)).isTrue();
                assertThat(visited.add((long) u * train.numItems() + i)).as("each pair once per epoch").isTrue();
                String item = train.items().externalId(i);
                assertThat(item).isNotEqualTo(testItem.get(u)).isNotEqualTo(validationItem.get(u));
                int j = sampler.negative(u);
                assertThat(train.contains(u, j)).isFalse();
                String negative = train.items().externalId(j);
                if (negative.equals(testItem.get(u)) || negative.equals(validationItem.get(u))) {
                    heldOutNegatives++;
                }
            }
            assertThat(visited).hasSize(train.size());
        }
        // Held-out items are drawn as negatives like any other unobserved item: the sampler cannot tell
        // them apart (the released ConvNCF code skipped test items, which leaks the label).
        assertThat(heldOutNegatives).isPositive();
    }

    @Test
    void theTrainedModelDoesNotDependOnTheTestItems() {
        // The same users and timestamps with every user's latest (test) item swapped for an item the user
        // never rated: the training view, and so the trained model, must not change.
        Interactions all = ModelFixtures.ml100kUsers(USERS);
        int[] offsets = new int[all.numUsers() + 1];
        int[] items = new int[all.size()];
        long[] times = new long[all.size()];
        for (int u = 0; u < all.numUsers(); u++) {
            offsets[u + 1] = all.end(u);
            for (int k = all.start(u); k < all.end(u); k++) {
                items[k] = all.itemAt(k);
                times[k] = all.timeAt(k);
            }
            int last = all.end(u) - 1;
            int swap = (items[last] + 1) % all.numItems();
            while (all.contains(u, swap)) {
                swap = (swap + 1) % all.numItems();
            }
            items[last] = swap;
        }
        Interactions swapped = Interactions.ofCsr(all.users(), all.items(), offsets, items, times);
        Split other = Splits.leaveOneOut("swapped test items", swapped, ModelFixtures.NEGATIVES, ModelFixtures.SEED);
        assertThat(other.train().fingerprint()).isEqualTo(split.train().fingerprint());

        Map<String, Map<String, String>> overrides = Map.of("mf", Map.of("factors", "8", "epochs", "1"));
        try (Experiment a = new Experiment(split, ModelFixtures.SEED, ModelFixtures.cpu(), 0, ModelFixtures.quiet(), overrides);
                Experiment b = new Experiment(other, ModelFixtures.SEED, ModelFixtures.cpu(), 0, ModelFixtures.quiet(),
                        overrides)) {
            BprModel ma = (BprModel) a.run("mf").model();
            BprModel mb = (BprModel) b.run("mf").model();
            assertThat(mb.userEmbedding().userTable()).containsExactly(ma.userEmbedding().userTable());
            assertThat(mb.itemTable()).containsExactly(ma.itemTable());
        }
    }
}
