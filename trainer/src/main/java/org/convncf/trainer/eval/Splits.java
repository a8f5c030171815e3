package org.convncf.trainer.eval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.convncf.trainer.data.Fingerprints;
import org.convncf.trainer.data.HeldOut;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.data.LoadedDataset;

/**
 * Builds {@link Split}s. Every random choice is drawn from a generator seeded by (seed, purpose,
 * user), so a user's held-out items and negatives do not depend on any other user or on order.
 *
 * <ul>
 *   <li>{@link #leaveOneOut}: per user, the latest interaction (by timestamp; a seeded random one
 *       when there are no timestamps) is the test item and a seeded random one of the remaining is
 *       the validation item. Users need 2 interactions for a test item and 3 for a validation item;
 *       others stay in training only.</li>
 *   <li>{@link #given}: the dataset's own test split (with its negatives, if any, used as given) and
 *       its own validation split, or else a seeded random training item per user.</li>
 * </ul>
 * Sampled negatives are drawn uniformly, without replacement, from items the user has no
 * interaction with in any split.
 */
public final class Splits {

    private static final long TEST_ITEM = 1;
    private static final long VALIDATION_ITEM = 2;
    private static final long TEST_NEGATIVES = 3;
    private static final long VALIDATION_NEGATIVES = 4;

    private Splits() {
    }

    /** Leave-one-out under the sampled protocol with {@code negatives} sampled negatives per held-out item. */
    public static Split leaveOneOut(String dataset, Interactions all, int negatives, long seed) {
        if (negatives < 1) {
            throw new IllegalArgumentException("negatives must be >= 1, got " + negatives);
        }
        int numUsers = all.numUsers();
        int[] testIdx = new int[numUsers];
        int[] validIdx = new int[numUsers];
        Arrays.fill(testIdx, -1);
        Arrays.fill(validIdx, -1);
        for (int u = 0; u < numUsers; u++) {
            int d = all.degree(u);
            if (d >= 2) {
                testIdx[u] = all.start(u) + (all.hasTimestamps() ? d - 1 : rng(seed, TEST_ITEM, u).nextInt(d));
            }
            if (d >= 3) {
                int r = rng(seed, VALIDATION_ITEM, u).nextInt(d - 1);
                int idx = all.start(u) + r;
                validIdx[u] = idx >= testIdx[u] ? idx + 1 : idx;
            }
        }
        Interactions train = without(all, testIdx, validIdx);
        Positives positives = new Positives(all, null, null);
        SampledCandidates test = sample(all, testIdx, positives, negatives, seed, TEST_NEGATIVES);
        SampledCandidates valid = sample(all, validIdx, positives, negatives, seed, VALIDATION_NEGATIVES);
        String method = "leave-one-out, test = " + (all.hasTimestamps() ? "latest by timestamp" : "random (no timestamps)")
                + ", validation = random remaining";
        SplitInfo info = new SplitInfo(Protocol.SAMPLED.label(), method, dataset, all.fingerprint(), seed, numUsers,
                all.numItems(), train.size(), valid.size(), test.size(), test.size(), negatives, "sampled", 0);
        return new Split(train, Protocol.SAMPLED, valid, test, null, null, info);
    }

    /**
     * The dataset's own test split. Under {@link Protocol#SAMPLED} each test item is ranked against
     * the given negatives when the dataset has them (else {@code negatives} sampled ones), and the
     * dataset must hold out exactly one test item per user; under {@link Protocol#FULL_RANKING}
     * against every item the user has not interacted with in training.
     *
     * @param negatives sampled negatives per validation (and, without given negatives, test) item;
     *                  {@code <= 0} means as many as the dataset gives per test item
     */
    public static Split given(LoadedDataset data, Protocol protocol, int negatives, long seed) {
        return given(data, protocol, negatives, seed, GivenNegatives.AS_GIVEN);
    }

    /**
     * As {@link #given(LoadedDataset, Protocol, int, long)}, choosing what happens to given test
     * negatives that are positives of their user (a known defect of some published files).
     */
    public static Split given(LoadedDataset data, Protocol protocol, int negatives, long seed, GivenNegatives policy) {
        HeldOut givenTest = data.test().orElseThrow(() -> new IllegalArgumentException(
                "dataset " + data.name() + " has no given test split; use a leave-one-out split"));
        Interactions observed = data.train();
        int numUsers = observed.numUsers();
        String fingerprint = fingerprint(data);
        int[] validIdx = new int[numUsers];
        Arrays.fill(validIdx, -1);
        HeldOut givenValid = data.validation().orElse(null);
        if (givenValid == null) {
            for (int u = 0; u < numUsers; u++) {
                int d = observed.degree(u);
                if (d >= 2 && givenTest.itemsOf(u).length > 0) {
                    validIdx[u] = observed.start(u) + rng(seed, VALIDATION_ITEM, u).nextInt(d);
                }
            }
        }
        Interactions train = givenValid == null ? without(observed, validIdx, null) : observed;
        Positives positives = new Positives(observed, givenValid, givenTest);
        String validMethod = givenValid == null ? "validation = random training item" : "validation = given";

        if (protocol == Protocol.FULL_RANKING) {
            // Test candidates are LightGCN's: every item not in the dataset's training file. A validation
            // item carved out of it is a positive of the user, so it is no test candidate either.
            RankingTargets test = targets(givenTest, observed);
            RankingTargets valid = givenValid != null ? targets(givenValid, train) : targetsFromIndices(observed, validIdx);
            SplitInfo info = new SplitInfo(protocol.label(), "given test split, " + validMethod, data.name(), fingerprint,
                    seed, numUsers, observed.numItems(), train.size(), valid.size(), test.size(), test.positives.length,
                    0, "all unseen items", 0);
            return new Split(train, protocol, null, null, valid, test, observed, info);
        }

        int[] testUsers = new int[numUsers];
        int[] testItems = new int[numUsers];
        int count = 0;
        for (int u = 0; u < numUsers; u++) {
            int[] t = givenTest.itemsOf(u);
            if (t.length > 1) {
                throw new IllegalArgumentException("dataset " + data.name() + " holds out " + t.length
                        + " test items for user " + observed.users().externalId(u)
                        + "; the sampled protocol ranks one held-out item per user (use full ranking)");
            }
            if (t.length == 1) {
                testUsers[count] = u;
                testItems[count++] = t[0];
            }
        }
        testUsers = Arrays.copyOf(testUsers, count);
        testItems = Arrays.copyOf(testItems, count);
        SampledCandidates test;
        int collisions = 0;
        int perItem;
        String source;
        if (givenTest.hasNegatives()) {
            int[] off = new int[count + 1];
            int[][] kept = new int[count][];
            long givenTotal = 0;
            for (int k = 0; k < count; k++) {
                int user = testUsers[k];
                int[] given = givenTest.negativesOf(user);
                givenTotal += given.length;
                int[] ok = Arrays.stream(given).filter(item -> !positives.contains(user, item)).toArray();
                collisions += given.length - ok.length;
                kept[k] = policy == GivenNegatives.AS_GIVEN ? given : ok;
                off[k + 1] = off[k] + kept[k].length;
            }
            int[] neg = new int[off[count]];
            for (int k = 0; k < count; k++) {
                System.arraycopy(kept[k], 0, neg, off[k], kept[k].length);
            }
            test = new SampledCandidates(testUsers, testItems, off, neg);
            // The file's count per item, whatever the policy dropped: validation samples that many.
            perItem = count == 0 ? 0 : (int) (givenTotal / count);
            source = policy.source();
        } else {
            perItem = negatives > 0 ? negatives : 999;
            test = sampleFor(testUsers, testItems, observed.numItems(), positives, perItem, seed, TEST_NEGATIVES);
            source = "sampled";
        }
        int validNegatives = negatives > 0 ? negatives : Math.max(1, perItem);
        SampledCandidates valid;
        if (givenValid != null) {
            valid = sampledFromHeldOut(givenValid, observed.numItems(), positives, validNegatives, seed, data.name());
        } else {
            valid = sample(observed, validIdx, positives, validNegatives, seed, VALIDATION_NEGATIVES);
        }
        SplitInfo info = new SplitInfo(protocol.label(), "given test split, " + validMethod, data.name(), fingerprint,
                seed, numUsers, observed.numItems(), train.size(), valid.size(), test.size(), test.size(), perItem, source,
                collisions);
        return new Split(train, protocol, valid, test, null, null, info);
    }

    /** All of a dataset's pairs (training and every given split) as one set, e.g. to re-split it. */
    public static Interactions pool(LoadedDataset data) {
        Interactions t = data.train();
        HeldOut v = data.validation().orElse(null);
        HeldOut s = data.test().orElse(null);
        int numUsers = t.numUsers();
        int[] offsets = new int[numUsers + 1];
        int[][] perUser = new int[numUsers][];
        for (int u = 0; u < numUsers; u++) {
            int[] merged = concat(t.itemsOf(u), v == null ? new int[0] : v.itemsOf(u), s == null ? new int[0] : s.itemsOf(u));
            merged = distinctKeepingFirst(merged, t.numItems());
            perUser[u] = merged;
            offsets[u + 1] = offsets[u] + merged.length;
        }
        int[] items = new int[offsets[numUsers]];
        for (int u = 0; u < numUsers; u++) {
            System.arraycopy(perUser[u], 0, items, offsets[u], perUser[u].length);
        }
        return Interactions.ofCsr(t.users(), t.items(), offsets, items, null);
    }

    // ---------------------------------------------------------------- helpers

    /** Every positive of every user across all splits, for negative sampling and collision counts. */
    private static final class Positives {
        private final Interactions observed;
        private final HeldOut valid;
        private final HeldOut test;

        Positives(Interactions observed, HeldOut valid, HeldOut test) {
            this.observed = observed;
            this.valid = valid;
            this.test = test;
        }

        boolean contains(int user, int item) {
            return observed.contains(user, item) || in(valid, user, item) || in(test, user, item);
        }

        /** Sorted, distinct positives of a user. */
        int[] of(int user) {
            int[] all = concat(observed.itemsOf(user), valid == null ? new int[0] : valid.itemsOf(user),
                    test == null ? new int[0] : test.itemsOf(user));
            return Arrays.stream(all).sorted().distinct().toArray();
        }

        private static boolean in(HeldOut h, int user, int item) {
            if (h == null) {
                return false;
            }
            for (int i : h.itemsOf(user)) {
                if (i == item) {
                    return true;
                }
            }
            return false;
        }
    }

    private static SampledCandidates sample(Interactions all, int[] heldIdx, Positives positives, int negatives, long seed,
            long purpose) {
        int count = 0;
        for (int idx : heldIdx) {
            if (idx >= 0) {
                count++;
            }
        }
        int[] users = new int[count];
        int[] items = new int[count];
        int k = 0;
        for (int u = 0; u < heldIdx.length; u++) {
            if (heldIdx[u] >= 0) {
                users[k] = u;
                items[k++] = all.itemAt(heldIdx[u]);
            }
        }
        return sampleFor(users, items, all.numItems(), positives, negatives, seed, purpose);
    }

    private static SampledCandidates sampledFromHeldOut(HeldOut held, int numItems, Positives positives, int negatives,
            long seed, String dataset) {
        int[] users = new int[held.numUsers()];
        int[] items = new int[held.numUsers()];
        int count = 0;
        for (int u = 0; u < held.numUsers(); u++) {
            int[] v = held.itemsOf(u);
            if (v.length > 1) {
                throw new IllegalArgumentException("dataset " + dataset + " holds out " + v.length
                        + " validation items for a user; the sampled protocol needs one (use full ranking)");
            }
            if (v.length == 1) {
                users[count] = u;
                items[count++] = v[0];
            }
        }
        return sampleFor(Arrays.copyOf(users, count), Arrays.copyOf(items, count), numItems, positives, negatives, seed,
                VALIDATION_NEGATIVES);
    }

    private static SampledCandidates sampleFor(int[] users, int[] items, int numItems, Positives positives, int negatives,
            long seed, long purpose) {
        int[] off = new int[users.length + 1];
        int[][] drawn = new int[users.length][];
        boolean[] blocked = new boolean[numItems];
        for (int k = 0; k < users.length; k++) {
            int[] pos = positives.of(users[k]);
            for (int p : pos) {
                blocked[p] = true;
            }
            drawn[k] = drawNegatives(numItems, pos.length, blocked, negatives, rng(seed, purpose, users[k]));
            for (int p : pos) {
                blocked[p] = false;
            }
            off[k + 1] = off[k] + drawn[k].length;
        }
        int[] neg = new int[off[users.length]];
        for (int k = 0; k < users.length; k++) {
            System.arraycopy(drawn[k], 0, neg, off[k], drawn[k].length);
        }
        return new SampledCandidates(users, items, off, neg);
    }

    /**
     * Draws {@code n} distinct unblocked items uniformly (all of them, shuffled, if fewer exist).
     * {@code blocked} is restored before returning.
     */
    static int[] drawNegatives(int numItems, int numBlocked, boolean[] blocked, int n, SplittableRandom rnd) {
        int available = numItems - numBlocked;
        if (n >= available || n * 3 > available) {
            int[] pool = new int[available];
            int c = 0;
            for (int i = 0; i < numItems; i++) {
                if (!blocked[i]) {
                    pool[c++] = i;
                }
            }
            int take = Math.min(n, c);
            for (int i = 0; i < take; i++) {
                int j = i + rnd.nextInt(c - i);
                int t = pool[i];
                pool[i] = pool[j];
                pool[j] = t;
            }
            return Arrays.copyOf(pool, take);
        }
        int[] out = new int[n];
        int c = 0;
        while (c < n) {
            int i = rnd.nextInt(numItems);
            if (!blocked[i]) {
                blocked[i] = true;
                out[c++] = i;
            }
        }
        for (int i : out) {
            blocked[i] = false;
        }
        return out;
    }

    private static RankingTargets targets(HeldOut held, Interactions train) {
        int numUsers = held.numUsers();
        int[] users = new int[numUsers];
        int[] off = new int[numUsers + 1];
        int[][] kept = new int[numUsers][];
        int count = 0;
        for (int u = 0; u < numUsers; u++) {
            int user = u;
            int[] items = Arrays.stream(held.itemsOf(u)).filter(i -> !train.contains(user, i)).sorted().distinct().toArray();
            if (items.length > 0) {
                users[count] = u;
                kept[count] = items;
                off[count + 1] = off[count] + items.length;
                count++;
            }
        }
        int[] pos = new int[off[count]];
        for (int k = 0; k < count; k++) {
            System.arraycopy(kept[k], 0, pos, off[k], kept[k].length);
        }
        return new RankingTargets(Arrays.copyOf(users, count), Arrays.copyOf(off, count + 1), pos);
    }

    private static RankingTargets targetsFromIndices(Interactions all, int[] heldIdx) {
        int count = (int) Arrays.stream(heldIdx).filter(i -> i >= 0).count();
        int[] users = new int[count];
        int[] off = new int[count + 1];
        int[] pos = new int[count];
        int k = 0;
        for (int u = 0; u < heldIdx.length; u++) {
            if (heldIdx[u] >= 0) {
                users[k] = u;
                pos[k] = all.itemAt(heldIdx[u]);
                off[k + 1] = k + 1;
                k++;
            }
        }
        return new RankingTargets(users, off, pos);
    }

    /** {@code all} without the interactions at the given flat indices (-1 = none for that user). */
    static Interactions without(Interactions all, int[] removeA, int[] removeB) {
        int numUsers = all.numUsers();
        int[] offsets = new int[numUsers + 1];
        int removed = 0;
        for (int u = 0; u < numUsers; u++) {
            removed += (removeA != null && removeA[u] >= 0 ? 1 : 0) + (removeB != null && removeB[u] >= 0 ? 1 : 0);
        }
        int[] items = new int[all.size() - removed];
        long[] times = all.hasTimestamps() ? new long[items.length] : null;
        int o = 0;
        for (int u = 0; u < numUsers; u++) {
            for (int idx = all.start(u); idx < all.end(u); idx++) {
                if ((removeA != null && removeA[u] == idx) || (removeB != null && removeB[u] == idx)) {
                    continue;
                }
                items[o] = all.itemAt(idx);
                if (times != null) {
                    times[o] = all.timeAt(idx);
                }
                o++;
            }
            offsets[u + 1] = o;
        }
        return Interactions.ofCsr(all.users(), all.items(), offsets, items, times);
    }

    /**
     * The fingerprint of a dataset with given splits: of its training interactions and of each given
     * held-out part (items and negatives), so that it identifies the split, not only the data.
     */
    private static String fingerprint(LoadedDataset data) {
        if (data.validation().isEmpty() && data.test().isEmpty()) {
            return data.train().fingerprint();
        }
        String parts = data.train().fingerprint()
                + "validation:" + data.validation().map(HeldOut::fingerprint).orElse("none")
                + "test:" + data.test().map(HeldOut::fingerprint).orElse("none");
        MessageDigest sha = Fingerprints.sha256();
        sha.update(parts.getBytes(StandardCharsets.US_ASCII));
        return Fingerprints.hex(sha);
    }

    private static int[] concat(int[] a, int[] b, int[] c) {
        int[] out = Arrays.copyOf(a, a.length + b.length + c.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }

    private static int[] distinctKeepingFirst(int[] items, int numItems) {
        int[] out = new int[items.length];
        int n = 0;
        java.util.BitSet seen = new java.util.BitSet(numItems);
        for (int i : items) {
            if (!seen.get(i)) {
                seen.set(i);
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** A generator for one (seed, purpose, user): independent of every other user and of order. */
    static SplittableRandom rng(long seed, long purpose, int user) {
        return new SplittableRandom(mix(mix(seed + purpose * 0x9E3779B97F4A7C15L) + user));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
