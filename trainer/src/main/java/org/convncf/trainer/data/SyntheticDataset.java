package org.convncf.trainer.data;

import java.util.SplittableRandom;

/**
 * A generated, clearly synthetic dataset with planted structure, so that the quick start runs
 * anywhere and a model has something to learn.
 *
 * <p>Items fall into {@code clusters} topics and have Zipf-like popularity. Each user has a primary
 * and a secondary topic; 70 % of their interactions come from the primary topic, 20 % from the
 * secondary and 10 % from global popularity, each popularity-weighted. A model that captures the
 * user-topic affinity clearly beats popularity (tests check that). Timestamps increase per user.
 * External ids are {@code u<n>} and {@code i<n>}; the dataset is named {@code synthetic}.
 */
public final class SyntheticDataset {

    /** Generation parameters; {@link #DEFAULT} is what the quick start uses. */
    public record Spec(int users, int items, int clusters, int meanInteractions, long seed) {
        public static final Spec DEFAULT = new Spec(1000, 400, 8, 30, 42L);

        public Spec {
            if (users < 1 || items < 4 || clusters < 1 || clusters > items / 2 || meanInteractions < 3
                    || meanInteractions > items / 4) {
                throw new IllegalArgumentException("synthetic spec needs users >= 1, items >= 4, 1 <= clusters <= items/2"
                        + " and 3 <= meanInteractions <= items/4; got users=" + users + ", items=" + items
                        + ", clusters=" + clusters + ", meanInteractions=" + meanInteractions);
            }
        }
    }

    private SyntheticDataset() {
    }

    public static LoadedDataset generate(Spec spec) {
        SplittableRandom rnd = new SplittableRandom(spec.seed());
        int numItems = spec.items();
        int k = spec.clusters();
        // Items: a random topic each, Zipf-like weights over a random popularity order.
        int[] order = permutation(numItems, rnd);
        double[] weight = new double[numItems];
        for (int rank = 0; rank < numItems; rank++) {
            weight[order[rank]] = 1.0 / Math.pow(rank + 1, 0.8);
        }
        int[] topicOf = new int[numItems];
        int[] perm = permutation(numItems, rnd);
        for (int j = 0; j < numItems; j++) {
            topicOf[perm[j]] = j % k;
        }
        double[][] cumByTopic = new double[k][];
        int[][] itemsByTopic = new int[k][];
        for (int t = 0; t < k; t++) {
            int count = 0;
            for (int i = 0; i < numItems; i++) {
                if (topicOf[i] == t) {
                    count++;
                }
            }
            itemsByTopic[t] = new int[count];
            cumByTopic[t] = new double[count];
            double acc = 0;
            int c = 0;
            for (int i = 0; i < numItems; i++) {
                if (topicOf[i] == t) {
                    acc += weight[i];
                    itemsByTopic[t][c] = i;
                    cumByTopic[t][c++] = acc;
                }
            }
        }
        int[] all = new int[numItems];
        double[] cumAll = new double[numItems];
        double acc = 0;
        for (int i = 0; i < numItems; i++) {
            acc += weight[i];
            all[i] = i;
            cumAll[i] = acc;
        }

        InteractionsBuilder out = new InteractionsBuilder();
        long clock = 1_700_000_000L;
        boolean[] taken = new boolean[numItems];
        int[] chosen = new int[numItems];
        for (int u = 0; u < spec.users(); u++) {
            int primary = rnd.nextInt(k);
            int secondary = k == 1 ? primary : (primary + 1 + rnd.nextInt(k - 1)) % k;
            // A floor of (at most) 5 plus a geometric tail, so that the mean is meanInteractions.
            int floor = Math.min(5, spec.meanInteractions() - 1);
            int n = Math.min(numItems / 2, floor + geometric(rnd, spec.meanInteractions() - floor));
            String user = "u" + (u + 1);
            out.userIds().intern(user);
            int count = 0;
            int attempts = 0;
            while (count < n && attempts++ < n * 50) {
                double r = rnd.nextDouble();
                int item = r < 0.7 ? draw(itemsByTopic[primary], cumByTopic[primary], rnd)
                        : r < 0.9 ? draw(itemsByTopic[secondary], cumByTopic[secondary], rnd)
                        : draw(all, cumAll, rnd);
                if (!taken[item]) {
                    taken[item] = true;
                    chosen[count++] = item;
                }
            }
            for (int c = 0; c < count; c++) {
                taken[chosen[c]] = false;
                clock += 1 + rnd.nextInt(3600);
                out.add(user, "i" + (chosen[c] + 1), clock);
            }
        }
        return new LoadedDataset("synthetic", out.build(), null, null, out.duplicates());
    }

    private static int draw(int[] items, double[] cumulative, SplittableRandom rnd) {
        double x = rnd.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return items[lo];
    }

    private static int geometric(SplittableRandom rnd, int mean) {
        double p = 1.0 / (mean + 1);
        return (int) Math.floor(Math.log(1 - rnd.nextDouble()) / Math.log(1 - p));
    }

    private static int[] permutation(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
