package org.convncf.trainer.eval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.convncf.trainer.data.Interactions;

/**
 * Runs a {@link Scorer} over an evaluation set and computes the protocol's metrics. Stateless; the
 * sets are package-private so that only this package ever touches held-out items.
 */
final class Evaluator {

    /** Pairs handed to the scorer per call in the sampled protocol. */
    static final int PAIRS_PER_CALL = 16_384;

    private Evaluator() {
    }

    /** @param itemCounts training interactions per item, for {@link EvalResult#heldOutCounts()} */
    static EvalResult sampled(SampledCandidates set, Scorer scorer, int[] cutoffs, int[] itemCounts) {
        long start = System.nanoTime();
        int n = set.size();
        int[] heldOutCounts = new int[n];
        for (int u = 0; u < n; u++) {
            heldOutCounts[u] = itemCounts[set.positives[u]];
        }
        Map<String, double[]> perUser = new LinkedHashMap<>();
        for (int k : cutoffs) {
            perUser.put("HR@" + k, new double[n]);
            perUser.put("NDCG@" + k, new double[n]);
        }
        int maxPerUser = 0;
        for (int u = 0; u < n; u++) {
            maxPerUser = Math.max(maxPerUser, 1 + set.negOffsets[u + 1] - set.negOffsets[u]);
        }
        int capacity = Math.max(PAIRS_PER_CALL, maxPerUser);
        int[] users = new int[capacity];
        int[] items = new int[capacity];
        float[] scores = new float[capacity];
        long pairs = 0;
        int first = 0;
        while (first < n) {
            // Pack whole users into one call: [positive, negatives...] per user.
            int last = first;
            int fill = 0;
            while (last < n) {
                int size = 1 + set.negOffsets[last + 1] - set.negOffsets[last];
                if (fill + size > capacity) {
                    break;
                }
                int user = set.users[last];
                users[fill] = user;
                items[fill] = set.positives[last];
                for (int j = set.negOffsets[last]; j < set.negOffsets[last + 1]; j++) {
                    users[fill + 1 + j - set.negOffsets[last]] = user;
                    items[fill + 1 + j - set.negOffsets[last]] = set.negatives[j];
                }
                fill += size;
                last++;
            }
            scorer.scorePairs(users, items, fill, scores);
            pairs += fill;
            int pos = 0;
            for (int u = first; u < last; u++) {
                int size = 1 + set.negOffsets[u + 1] - set.negOffsets[u];
                int rank = RankingMetrics.rank(scores[pos], scores, pos + 1, pos + size);
                for (int k : cutoffs) {
                    perUser.get("HR@" + k)[u] = RankingMetrics.hitRate(rank, k);
                    perUser.get("NDCG@" + k)[u] = RankingMetrics.ndcg(rank, k);
                }
                pos += size;
            }
            first = last;
        }
        return result(perUser, n, pairs, start, heldOutCounts);
    }

    static EvalResult fullRanking(RankingTargets set, Interactions train, Scorer scorer, int[] cutoffs) {
        long start = System.nanoTime();
        int n = set.size();
        int numItems = train.numItems();
        int maxK = Arrays.stream(cutoffs).max().orElseThrow();
        Map<String, double[]> perUser = new LinkedHashMap<>();
        for (int k : cutoffs) {
            perUser.put("Recall@" + k, new double[n]);
            perUser.put("NDCG@" + k, new double[n]);
        }
        float[] scores = new float[numItems];
        boolean[] positive = new boolean[numItems];
        boolean[] excluded = new boolean[numItems];
        TopK top = new TopK(maxK);
        int[] hitPositions = new int[maxK];
        long pairs = 0;
        for (int u = 0; u < n; u++) {
            int user = set.users[u];
            for (int idx = train.start(user); idx < train.end(user); idx++) {
                excluded[train.itemAt(idx)] = true;
            }
            scorer.scoreAllItems(user, scores, excluded);
            pairs += numItems;
            int positives = 0;
            for (int j = set.offsets[u]; j < set.offsets[u + 1]; j++) {
                int item = set.positives[j];
                if (!excluded[item] && !positive[item]) {
                    positive[item] = true;
                    positives++;
                }
            }
            top.reset(scores, positive);
            for (int i = 0; i < numItems; i++) {
                if (!excluded[i]) {
                    top.offer(i);
                }
            }
            int[] ranked = top.sortedDescending();
            for (int k : cutoffs) {
                int hits = 0;
                for (int pos = 0; pos < Math.min(k, ranked.length); pos++) {
                    if (positive[ranked[pos]]) {
                        hitPositions[hits++] = pos;
                    }
                }
                double[] m = positives == 0 ? new double[] {0, 0}
                        : RankingMetrics.fullRanking(hitPositions, hits, positives, k);
                perUser.get("Recall@" + k)[u] = m[0];
                perUser.get("NDCG@" + k)[u] = m[1];
            }
            for (int idx = train.start(user); idx < train.end(user); idx++) {
                excluded[train.itemAt(idx)] = false;
            }
            for (int j = set.offsets[u]; j < set.offsets[u + 1]; j++) {
                positive[set.positives[j]] = false;
            }
        }
        return result(perUser, n, pairs, start, new int[0]);
    }

    private static EvalResult result(Map<String, double[]> perUser, int n, long pairs, long start, int[] heldOutCounts) {
        Map<String, Double> means = new LinkedHashMap<>();
        // Order: all cutoffs of the first metric family, then the second (HR@5, HR@10, ..., NDCG@5, ...).
        perUser.keySet().stream().filter(name -> !name.startsWith("NDCG")).forEach(name -> means.put(name, mean(perUser.get(name))));
        perUser.keySet().stream().filter(name -> name.startsWith("NDCG")).forEach(name -> means.put(name, mean(perUser.get(name))));
        return new EvalResult(means, perUser, n, pairs, (System.nanoTime() - start) / 1e9, heldOutCounts);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? Double.NaN : sum / values.length;
    }

    /**
     * Keeps the k best items under the protocol's order: higher score first; among equal scores a
     * negative before a positive (ties count against the positive); then lower item id. NaN scores
     * rank a negative first and a positive last.
     */
    static final class TopK {
        private final int k;
        private final int[] heap; // a min-heap: heap[0] is the worst kept item
        private int size;
        private float[] scores;
        private boolean[] positive;

        TopK(int k) {
            this.k = k;
            this.heap = new int[k];
        }

        void reset(float[] scores, boolean[] positive) {
            this.scores = scores;
            this.positive = positive;
            this.size = 0;
        }

        void offer(int item) {
            if (size < k) {
                heap[size] = item;
                siftUp(size++);
            } else if (better(item, heap[0])) {
                heap[0] = item;
                siftDown(0);
            }
        }

        int[] sortedDescending() {
            Integer[] boxed = new Integer[size];
            for (int i = 0; i < size; i++) {
                boxed[i] = heap[i];
            }
            Arrays.sort(boxed, (a, b) -> better(a, b) ? -1 : better(b, a) ? 1 : 0);
            int[] out = new int[size];
            for (int i = 0; i < size; i++) {
                out[i] = boxed[i];
            }
            return out;
        }

        private float key(int item) {
            float s = scores[item];
            if (Float.isNaN(s)) {
                return positive[item] ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
            }
            return s;
        }

        boolean better(int a, int b) {
            float sa = key(a);
            float sb = key(b);
            if (sa != sb) {
                return sa > sb;
            }
            if (positive[a] != positive[b]) {
                return !positive[a];
            }
            return a < b;
        }

        private void siftUp(int i) {
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!better(heap[parent], heap[i])) {
                    break;
                }
                swap(i, parent);
                i = parent;
            }
        }

        private void siftDown(int i) {
            while (true) {
                int l = 2 * i + 1;
                if (l >= size) {
                    return;
                }
                int worst = l;
                int r = l + 1;
                if (r < size && better(heap[l], heap[r])) {
                    worst = r;
                }
                if (!better(heap[i], heap[worst])) {
                    return;
                }
                swap(i, worst);
                i = worst;
            }
        }

        private void swap(int i, int j) {
            int t = heap[i];
            heap[i] = heap[j];
            heap[j] = t;
        }
    }
}
