package org.convncf.trainer.eval;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.convncf.store.IdMap;
import org.convncf.trainer.data.Interactions;

/** Small builders and probes shared by the eval tests. */
final class EvalFixtures {

    private EvalFixtures() {
    }

    /** Interactions over users 0..n-1 and items 0..numItems-1 from per-user item lists (file order, no times). */
    static Interactions interactions(int numItems, int[]... perUser) {
        return interactions(numItems, perUser, null);
    }

    /** As above, with per-user timestamps (each user's items must already be in time order). */
    static Interactions interactions(int numItems, int[][] perUser, long[][] times) {
        int[] offsets = new int[perUser.length + 1];
        for (int u = 0; u < perUser.length; u++) {
            offsets[u + 1] = offsets[u] + perUser[u].length;
        }
        int[] items = new int[offsets[perUser.length]];
        long[] t = times == null ? null : new long[items.length];
        for (int u = 0; u < perUser.length; u++) {
            System.arraycopy(perUser[u], 0, items, offsets[u], perUser[u].length);
            if (t != null) {
                System.arraycopy(times[u], 0, t, offsets[u], times[u].length);
            }
        }
        return Interactions.ofCsr(IdMap.range(perUser.length), IdMap.range(numItems), offsets, items, t);
    }

    static SampledCandidates candidates(int[] users, int[] positives, int[][] negatives) {
        int[] off = new int[users.length + 1];
        for (int k = 0; k < users.length; k++) {
            off[k + 1] = off[k] + negatives[k].length;
        }
        int[] flat = new int[off[users.length]];
        for (int k = 0; k < users.length; k++) {
            System.arraycopy(negatives[k], 0, flat, off[k], negatives[k].length);
        }
        return new SampledCandidates(users, positives, off, flat);
    }

    static RankingTargets targets(int[] users, int[][] positives) {
        int[] off = new int[users.length + 1];
        for (int k = 0; k < users.length; k++) {
            off[k + 1] = off[k] + positives[k].length;
        }
        int[] flat = new int[off[users.length]];
        for (int k = 0; k < users.length; k++) {
            System.arraycopy(positives[k], 0, flat, off[k], positives[k].length);
        }
        return new RankingTargets(users, off, flat);
    }

    /** A scorer computing {@code f(user, item)} that records every call it gets. */
    static final class RecordingScorer implements Scorer {
        private final BiFunction<Integer, Integer, Float> f;
        final List<int[][]> calls = new ArrayList<>(); // per call {users[0..n), items[0..n)}
        final List<Integer> fullRankingUsers = new ArrayList<>();

        RecordingScorer(BiFunction<Integer, Integer, Float> f) {
            this.f = f;
        }

        @Override
        public void scorePairs(int[] users, int[] items, int n, float[] out) {
            calls.add(new int[][] {Arrays.copyOf(users, n), Arrays.copyOf(items, n)});
            for (int k = 0; k < n; k++) {
                out[k] = f.apply(users[k], items[k]);
            }
        }

        @Override
        public void scoreAllItems(int user, float[] out) {
            fullRankingUsers.add(user);
            for (int i = 0; i < out.length; i++) {
                out[i] = f.apply(user, i);
            }
        }

        int[] callSizes() {
            return calls.stream().mapToInt(c -> c[0].length).toArray();
        }
    }

    // ------------------------------------------------------------ the split's package-private sets

    static SampledCandidates sampledTest(Split split) {
        return field(split, "sampledTest");
    }

    static SampledCandidates sampledValidation(Split split) {
        return field(split, "sampledValidation");
    }

    static RankingTargets rankingTest(Split split) {
        return field(split, "rankingTest");
    }

    static RankingTargets rankingValidation(Split split) {
        return field(split, "rankingValidation");
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(Split split, String name) {
        try {
            Field f = Split.class.getDeclaredField(name);
            f.setAccessible(true);
            return (T) f.get(split);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Split has no field " + name, e);
        }
    }

    /** user → {positive, negatives...} of a sampled set. */
    static Map<Integer, int[]> byUser(SampledCandidates set) {
        Map<Integer, int[]> out = new LinkedHashMap<>();
        for (int k = 0; k < set.size(); k++) {
            int[] c = new int[1 + set.negOffsets[k + 1] - set.negOffsets[k]];
            c[0] = set.positives[k];
            System.arraycopy(set.negatives, set.negOffsets[k], c, 1, c.length - 1);
            out.put(set.users[k], c);
        }
        return out;
    }

    /** user → held-out positives of a ranking set. */
    static Map<Integer, int[]> byUser(RankingTargets set) {
        Map<Integer, int[]> out = new LinkedHashMap<>();
        for (int k = 0; k < set.size(); k++) {
            out.put(set.users[k], Arrays.copyOfRange(set.positives, set.offsets[k], set.offsets[k + 1]));
        }
        return out;
    }

    static int[] negativesOf(int[] candidates) {
        return Arrays.copyOfRange(candidates, 1, candidates.length);
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
