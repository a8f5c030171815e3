package org.convncf.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.convncf.trainer.eval.EvalFixtures.byUser;
import static org.convncf.trainer.eval.EvalFixtures.interactions;
import static org.convncf.trainer.eval.EvalFixtures.negativesOf;
import static org.convncf.trainer.eval.EvalFixtures.sampledTest;
import static org.convncf.trainer.eval.EvalFixtures.sampledValidation;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.convncf.trainer.data.HeldOut;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.data.InteractionsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Splits#leaveOneOut}: held-out items, the training view (no leaks) and the sampled negatives. */
// A sampler that never restores its blocked items would spin forever: fail instead of hanging the build.
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LeaveOneOutSplitTest {

    /** Random per-user histories over {@code numItems} items, degrees 1..maxDegree, no timestamps. */
    private static int[][] randomHistories(int numUsers, int numItems, int maxDegree, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[][] out = new int[numUsers][];
        for (int u = 0; u < numUsers; u++) {
            int d = rnd.nextInt(1, maxDegree + 1);
            Set<Integer> items = new java.util.LinkedHashSet<>();
            while (items.size() < d) {
                items.add(rnd.nextInt(numItems));
            }
            out[u] = items.stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    private static void assertSameCandidates(Map<Integer, int[]> actual, Map<Integer, int[]> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((u, c) -> assertThat(actual.get(u)).as("user %d", u).containsExactly(c));
    }

    private static Set<Integer> set(int[] items) {
        Set<Integer> s = new HashSet<>();
        for (int i : items) {
            s.add(i);
        }
        return s;
    }

    @Test
    void withTimestampsTheTestItemIsEachUsersLatest() {
        // Events arrive shuffled; the latest (by timestamp, not by arrival) must be held out.
        SplittableRandom rnd = new SplittableRandom(1);
        record Event(String user, String item, long time) {
        }
        List<Event> events = new ArrayList<>();
        Map<String, String> latest = new HashMap<>();
        Map<String, Long> latestTime = new HashMap<>();
        for (int u = 0; u < 80; u++) {
            int d = rnd.nextInt(1, 25);
            int[] items = IntStream.range(0, 120).toArray();
            for (int k = 0; k < d; k++) {
                int j = k + rnd.nextInt(120 - k);
                int t = items[k];
                items[k] = items[j];
                items[j] = t;
                long time = 1_000_000L + rnd.nextLong(1_000_000_000L);
                events.add(new Event("u" + u, "i" + items[k], time));
                if (time > latestTime.getOrDefault("u" + u, Long.MIN_VALUE)) {
                    latestTime.put("u" + u, time);
                    latest.put("u" + u, "i" + items[k]);
                }
            }
        }
        java.util.Collections.shuffle(events, new java.util.Random(2));
        InteractionsBuilder b = new InteractionsBuilder();
        for (Event e : events) {
            b.add(e.user(), e.item(), e.time());
        }
        Interactions all = b.build();
        Split split = Splits.leaveOneOut("timed", all, 50, 7L);

        Map<Integer, int[]> test = byUser(sampledTest(split));
        for (int u = 0; u < all.numUsers(); u++) {
            String user = all.users().externalId(u);
            if (all.degree(u) < 2) {
                assertThat(test).doesNotContainKey(u);
                continue;
            }
            assertThat(all.items().externalId(test.get(u)[0])).as("test item of %s", user).isEqualTo(latest.get(user));
        }
        assertThat(split.info().method()).contains("latest by timestamp");
        // Timestamps survive in the training view.
        assertThat(split.train().hasTimestamps()).isTrue();
    }

    @Test
    void withTimestampsTheSplitDoesNotDependOnTheSeedForTheTestItem() {
        int[][] h = randomHistories(30, 100, 10, 3);
        long[][] times = new long[h.length][];
        for (int u = 0; u < h.length; u++) {
            times[u] = IntStream.range(0, h[u].length).mapToLong(k -> 100L * k).toArray();
        }
        Interactions all = interactions(100, h, times);
        Map<Integer, int[]> a = byUser(sampledTest(Splits.leaveOneOut("d", all, 5, 1L)));
        Map<Integer, int[]> b = byUser(sampledTest(Splits.leaveOneOut("d", all, 5, 2L)));
        for (int u : a.keySet()) {
            assertThat(a.get(u)[0]).isEqualTo(b.get(u)[0]).isEqualTo(h[u][h[u].length - 1]);
        }
    }

    @Test
    void withoutTimestampsTheTestItemIsRandomButSeeded() {
        int[][] h = randomHistories(200, 300, 20, 4);
        Interactions all = interactions(300, h);
        Split a = Splits.leaveOneOut("d", all, 20, 42L);
        Split again = Splits.leaveOneOut("d", all, 20, 42L);
        Split other = Splits.leaveOneOut("d", all, 20, 43L);
        assertThat(a.info().method()).contains("random (no timestamps)");

        Map<Integer, int[]> testA = byUser(sampledTest(a));
        Map<Integer, int[]> validA = byUser(sampledValidation(a));
        // Same seed: the same held-out items, negatives and training view.
        assertSameCandidates(byUser(sampledTest(again)), testA);
        assertSameCandidates(byUser(sampledValidation(again)), validA);
        assertThat(again.train().fingerprint()).isEqualTo(a.train().fingerprint());
        assertThat(again.info()).isEqualTo(a.info());
        // Another seed: other test items for many users.
        Map<Integer, int[]> testOther = byUser(sampledTest(other));
        long differentTest = testA.keySet().stream().filter(u -> testA.get(u)[0] != testOther.get(u)[0]).count();
        assertThat(differentTest).isGreaterThan(testA.size() / 3);
        assertThat(other.train().fingerprint()).isNotEqualTo(a.train().fingerprint());
        // Random, not the last in file order: roughly 1/degree of users would hold out their last item.
        long last = testA.keySet().stream().filter(u -> testA.get(u)[0] == h[u][h[u].length - 1]).count();
        assertThat(last).isLessThan(testA.size() / 2);
    }

    @Test
    void usersWithOneTwoOrThreeInteractions() {
        Interactions all = interactions(10,
                new int[] {4},          // 1: training only
                new int[] {5, 6},       // 2: test, no validation
                new int[] {7, 8, 9},    // 3: test and validation, one left to train on
                new int[] {});          // 0: nothing
        Split split = Splits.leaveOneOut("tiny", all, 3, 1L);
        Map<Integer, int[]> test = byUser(sampledTest(split));
        Map<Integer, int[]> valid = byUser(sampledValidation(split));
        assertThat(test.keySet()).containsExactly(1, 2);
        assertThat(valid.keySet()).containsExactly(2);
        assertThat(split.train().itemsOf(0)).containsExactly(4);
        assertThat(split.train().itemsOf(1)).hasSize(1).doesNotContain(test.get(1)[0]);
        assertThat(split.train().itemsOf(2)).hasSize(1).doesNotContain(test.get(2)[0], valid.get(2)[0]);
        assertThat(split.train().itemsOf(3)).isEmpty();
        assertThat(valid.get(2)[0]).isNotEqualTo(test.get(2)[0]);
        assertThat(split.info().testUsers()).isEqualTo(2);
        assertThat(split.info().validationUsers()).isEqualTo(1);
        assertThat(split.validationUsers()).isEqualTo(1);
        assertThat(split.info().trainInteractions()).isEqualTo(3);
    }

    /** THE LEAK TEST: no held-out pair is in the training view, and nothing else is missing from it. */
    @Test
    void trainIsExactlyAllMinusTestMinusValidation() {
        for (boolean timed : new boolean[] {false, true}) {
            int[][] h = randomHistories(300, 200, 30, timed ? 5 : 6);
            long[][] times = null;
            if (timed) {
                times = new long[h.length][];
                for (int u = 0; u < h.length; u++) {
                    times[u] = IntStream.range(0, h[u].length).mapToLong(k -> 10L * k + 1).toArray();
                }
            }
            Interactions all = interactions(200, h, times);
            Split split = Splits.leaveOneOut("leak", all, 30, 9L);
            Interactions train = split.train();
            Map<Integer, int[]> test = byUser(sampledTest(split));
            Map<Integer, int[]> valid = byUser(sampledValidation(split));
            assertThat(train.numUsers()).isEqualTo(all.numUsers());
            assertThat(train.numItems()).isEqualTo(all.numItems());
            int heldOut = 0;
            for (int u = 0; u < all.numUsers(); u++) {
                Set<Integer> expected = set(all.itemsOf(u));
                if (test.containsKey(u)) {
                    int t = test.get(u)[0];
                    assertThat(train.contains(u, t)).as("user %d's test item %d is in train", u, t).isFalse();
                    assertThat(set(train.itemsOf(u))).doesNotContain(t);
                    assertThat(expected.remove(t)).as("test item is one of the user's").isTrue();
                    heldOut++;
                }
                if (valid.containsKey(u)) {
                    int v = valid.get(u)[0];
                    assertThat(train.contains(u, v)).as("user %d's validation item %d is in train", u, v).isFalse();
                    assertThat(set(train.itemsOf(u))).doesNotContain(v);
                    assertThat(expected.remove(v)).as("validation item is one of the user's, not the test item").isTrue();
                    heldOut++;
                }
                // train ∪ held-out = all, with nothing duplicated.
                assertThat(set(train.itemsOf(u))).as("user %d", u).isEqualTo(expected);
                assertThat(train.degree(u)).isEqualTo(expected.size());
                // Remaining items keep their order (and timestamps).
                int[] kept = Arrays.stream(all.itemsOf(u)).filter(expected::contains).toArray();
                assertThat(train.itemsOf(u)).containsExactly(kept);
                if (timed) {
                    for (int idx = train.start(u); idx < train.end(u); idx++) {
                        int item = train.itemAt(idx);
                        int pos = Arrays.stream(h[u]).boxed().toList().indexOf(item);
                        assertThat(train.timeAt(idx)).isEqualTo(times[u][pos]);
                    }
                }
            }
            assertThat(train.size() + heldOut).isEqualTo(all.size());
            assertThat(split.info().trainInteractions()).isEqualTo(train.size());
        }
    }

    @Test
    void negativesNeverCollideAreDistinctAndHaveTheRequestedCount() {
        // 999 of ~2990 unseen items takes the shuffle path; 100 takes the rejection path.
        for (int requested : new int[] {999, 100, 1}) {
            int[][] h = randomHistories(150, 3000, 40, 8);
            Interactions all = interactions(3000, h);
            Split split = Splits.leaveOneOut("neg", all, requested, 3L);
            for (Map<Integer, int[]> set : List.of(byUser(sampledTest(split)), byUser(sampledValidation(split)))) {
                assertThat(set).isNotEmpty();
                set.forEach((u, c) -> {
                    int[] neg = negativesOf(c);
                    assertThat(neg).as("user %d", u).hasSize(requested);
                    assertThat(set(neg)).as("distinct").hasSize(requested);
                    for (int n : neg) {
                        assertThat(all.contains(u, n)).as("negative %d of user %d is a positive (train, validation or test)", n, u)
                                .isFalse();
                        assertThat(n).isBetween(0, 2999);
                    }
                });
            }
            assertThat(split.info().negatives()).isEqualTo(requested);
            assertThat(split.info().negativeSource()).isEqualTo("sampled");
            assertThat(split.info().givenNegativeCollisions()).isZero();
        }
    }

    @Test
    void whenFewerUnseenItemsExistAllOfThemAreUsed() {
        Interactions all = interactions(10, new int[] {0, 1, 2}, new int[] {3, 4, 5, 6, 7, 8, 9}, new int[] {2, 5});
        Split split = Splits.leaveOneOut("small", all, 999, 1L);
        Map<Integer, int[]> test = byUser(sampledTest(split));
        Map<Integer, int[]> valid = byUser(sampledValidation(split));
        assertThat(negativesOf(test.get(0))).containsExactlyInAnyOrder(3, 4, 5, 6, 7, 8, 9);
        assertThat(negativesOf(valid.get(0))).containsExactlyInAnyOrder(3, 4, 5, 6, 7, 8, 9);
        assertThat(negativesOf(test.get(1))).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(negativesOf(test.get(2))).containsExactlyInAnyOrder(0, 1, 3, 4, 6, 7, 8, 9);
        // Exactly the requested number when it is just below what is available.
        Split seven = Splits.leaveOneOut("small", all, 7, 1L);
        assertThat(set(negativesOf(byUser(sampledTest(seven)).get(0)))).isEqualTo(Set.of(3, 4, 5, 6, 7, 8, 9));
        Split six = Splits.leaveOneOut("small", all, 6, 1L);
        assertThat(negativesOf(byUser(sampledTest(six)).get(0))).hasSize(6).doesNotContain(0, 1, 2);
    }

    @Test
    void aUsersHeldOutItemsAndNegativesDoNotDependOnOtherUsers() {
        int[][] h = randomHistories(100, 500, 25, 10);
        Interactions base = interactions(500, h);
        int[][] more = Arrays.copyOf(h, h.length + 1);
        more[h.length] = new int[] {1, 2, 3, 4, 5, 6, 7, 8};
        Interactions withOneMoreUser = interactions(500, more);
        for (int negatives : new int[] {999, 50}) {
            Split a = Splits.leaveOneOut("d", base, negatives, 5L);
            Split b = Splits.leaveOneOut("d", withOneMoreUser, negatives, 5L);
            Map<Integer, int[]> testA = byUser(sampledTest(a));
            Map<Integer, int[]> testB = byUser(sampledTest(b));
            Map<Integer, int[]> validA = byUser(sampledValidation(a));
            Map<Integer, int[]> validB = byUser(sampledValidation(b));
            assertThat(testB).containsKey(h.length);
            testA.forEach((u, c) -> assertThat(testB.get(u)).as("user %d test candidates", u).containsExactly(c));
            validA.forEach((u, c) -> assertThat(validB.get(u)).as("user %d validation candidates", u).containsExactly(c));
            for (int u = 0; u < h.length; u++) {
                assertThat(b.train().itemsOf(u)).containsExactly(a.train().itemsOf(u));
            }
        }
    }

    @Test
    void negativesAreRoughlyUniformOnBothSamplingPaths() {
        // 2000 users, each with items 0 and 1: 18 candidates each.
        int numUsers = 2000;
        int[][] h = new int[numUsers][];
        for (int u = 0; u < numUsers; u++) {
            h[u] = new int[] {0, 1};
        }
        Interactions all = interactions(20, h);
        for (int requested : new int[] {3, 12}) { // 3*3 <= 18: rejection; 12*3 > 18: shuffle
            int[] counts = new int[20];
            byUser(sampledTest(Splits.leaveOneOut("u", all, requested, 77L))).values()
                    .forEach(c -> Arrays.stream(negativesOf(c)).forEach(n -> counts[n]++));
            double expected = numUsers * requested / 18.0;
            assertThat(counts[0]).isZero();
            assertThat(counts[1]).isZero();
            for (int i = 2; i < 20; i++) {
                assertThat((double) counts[i]).as("item %d with %d negatives", i, requested)
                        .isBetween(expected * 0.85, expected * 1.15);
            }
        }
    }

    @Test
    void infoDescribesTheSplit() {
        int[][] h = randomHistories(40, 60, 8, 12);
        Interactions all = interactions(60, h);
        Split split = Splits.leaveOneOut("mini", all, 9, 123L);
        SplitInfo info = split.info();
        int testUsers = (int) Arrays.stream(h).filter(x -> x.length >= 2).count();
        int validUsers = (int) Arrays.stream(h).filter(x -> x.length >= 3).count();
        assertThat(info.protocol()).isEqualTo("sampled");
        assertThat(info.dataset()).isEqualTo("mini");
        assertThat(info.fingerprint()).isEqualTo(all.fingerprint());
        assertThat(info.seed()).isEqualTo(123L);
        assertThat(info.users()).isEqualTo(40);
        assertThat(info.items()).isEqualTo(60);
        assertThat(info.testUsers()).isEqualTo(testUsers);
        assertThat(info.testPositives()).isEqualTo(testUsers);
        assertThat(info.validationUsers()).isEqualTo(validUsers);
        assertThat(info.trainInteractions()).isEqualTo(all.size() - testUsers - validUsers);
        assertThat(info.negatives()).isEqualTo(9);
        assertThat(split.protocol()).isEqualTo(Protocol.SAMPLED);
        assertThat(split.toString()).isEqualTo(info.describe()).contains("mini", "seed 123", "9 sampled negatives each");
    }

    @Test
    void rejectsFewerThanOneNegative() {
        Interactions all = interactions(5, new int[] {0, 1, 2});
        assertThatThrownBy(() -> Splits.leaveOneOut("d", all, 0, 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negatives must be >= 1");
    }

    @Test
    void trainingCodeCannotReachHeldOutItems() {
        // The held-out sets and the evaluator are package-private ...
        for (Class<?> c : new Class<?>[] {SampledCandidates.class, RankingTargets.class, Evaluator.class}) {
            assertThat(Modifier.isPublic(c.getModifiers())).as(c.getSimpleName()).isFalse();
        }
        // ... and no public method of Split hands out anything but the training view, metrics and the info.
        Set<Class<?>> allowed = Set.of(Interactions.class, Protocol.class, SplitInfo.class, EvalResult.class, int.class,
                String.class);
        for (Method m : Split.class.getMethods()) {
            if (m.getDeclaringClass() == Object.class) {
                continue;
            }
            assertThat(allowed).as("Split.%s returns %s", m.getName(), m.getReturnType()).contains(m.getReturnType());
            assertThat(m.getReturnType()).isNotEqualTo(HeldOut.class);
        }
        for (java.lang.reflect.Field f : Split.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                assertThat(Modifier.isPrivate(f.getModifiers())).as(f.getName()).isTrue();
            }
        }
    }
}
