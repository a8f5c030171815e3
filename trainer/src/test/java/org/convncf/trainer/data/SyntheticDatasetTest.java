package org.convncf.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.convncf.trainer.data.SyntheticDataset.Spec;
import org.junit.jupiter.api.Test;

class SyntheticDatasetTest {

    private static final LoadedDataset DEFAULT = SyntheticDataset.generate(Spec.DEFAULT);

    @Test
    void deterministicForASeed() {
        LoadedDataset again = SyntheticDataset.generate(Spec.DEFAULT);
        assertThat(again.train().fingerprint()).isEqualTo(DEFAULT.train().fingerprint());
        Spec other = new Spec(1000, 400, 8, 30, 43L);
        assertThat(SyntheticDataset.generate(other).train().fingerprint()).isNotEqualTo(DEFAULT.train().fingerprint());
    }

    @Test
    void sizesArePlausible() {
        Interactions x = DEFAULT.train();
        assertThat(DEFAULT.name()).isEqualTo("synthetic");
        assertThat(DEFAULT.duplicates()).isZero();
        assertThat(DEFAULT.test()).isEmpty();
        assertThat(x.numUsers()).isEqualTo(1000);
        assertThat(x.numItems()).isBetween(360, 400);
        assertThat((double) x.size() / x.numUsers()).isBetween(24.0, 36.0);
        assertThat(x.hasTimestamps()).isTrue();
        for (int u = 0; u < x.numUsers(); u++) {
            assertThat(x.degree(u)).isBetween(5, 200);
            for (int k = x.start(u) + 1; k < x.end(u); k++) {
                assertThat(x.timeAt(k)).isGreaterThan(x.timeAt(k - 1));
            }
        }
        assertThat(x.users().externalId(0)).isEqualTo("u1");
        assertThat(x.items().externalIds()).allMatch(id -> id.matches("i[1-9][0-9]*"))
                .allMatch(id -> Integer.parseInt(id.substring(1)) <= 400);
        // Zipf-like popularity: the top 10 % of items hold far more than 10 % of interactions.
        int[] counts = x.itemCounts();
        Arrays.sort(counts);
        long top = 0;
        for (int k = counts.length - counts.length / 10; k < counts.length; k++) {
            top += counts[k];
        }
        assertThat((double) top / x.size()).isGreaterThan(0.2);
    }

    @Test
    void smallSpecsKeepEveryUserAndTheMeanDegree() {
        for (int mean = 3; mean <= 6; mean++) {
            Interactions x = SyntheticDataset.generate(new Spec(2000, 40, 2, mean, 1L)).train();
            assertThat(x.numUsers()).as("mean %d", mean).isEqualTo(2000);
            assertThat(x.numItems()).isLessThanOrEqualTo(40);
            for (int u = 0; u < x.numUsers(); u++) {
                assertThat(x.degree(u)).as("mean %d, user %d", mean, u).isBetween(1, 20);
            }
            assertThat((double) x.size() / x.numUsers()).as("mean %d", mean).isBetween(mean * 0.85, mean * 1.15);
        }
    }

    @Test
    void invalidSpecsAreRejected() {
        assertThatThrownBy(() -> new Spec(0, 400, 8, 30, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("users=0, items=400, clusters=8, meanInteractions=30");
        assertThatThrownBy(() -> new Spec(10, 400, 300, 30, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Spec(10, 40, 4, 20, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Spec(10, 40, 4, 2, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Pearson's chi-square of the item-pair co-occurrence counts against independence (expected count
     * ∝ popularity(i) · popularity(j)), over pairs expected at least once.
     */
    private static double coOccurrenceChiSquare(int[][] itemsByUser, int numItems) {
        int[] co = new int[numItems * numItems];
        int[] pop = new int[numItems];
        long total = 0;
        double orderedPairs = 0;
        for (int[] items : itemsByUser) {
            total += items.length;
            orderedPairs += (double) items.length * (items.length - 1);
            for (int a = 0; a < items.length; a++) {
                pop[items[a]]++;
                for (int b = a + 1; b < items.length; b++) {
                    co[items[a] * numItems + items[b]]++;
                    co[items[b] * numItems + items[a]]++;
                }
            }
        }
        double chi = 0;
        for (int i = 0; i < numItems; i++) {
            for (int j = i + 1; j < numItems; j++) {
                double expected = (double) pop[i] * pop[j] * orderedPairs / ((double) total * total);
                if (expected >= 1) {
                    double d = co[i * numItems + j] - expected;
                    chi += d * d / expected;
                }
            }
        }
        return chi;
    }

    @Test
    void itemsCoOccurMuchMoreThanUnderAShuffledNull() {
        Interactions x = DEFAULT.train();
        int[][] real = new int[x.numUsers()][];
        int[] flat = new int[x.size()];
        for (int u = 0; u < x.numUsers(); u++) {
            real[u] = x.itemsOf(u);
            System.arraycopy(real[u], 0, flat, x.start(u), real[u].length);
        }
        // Null: the same users' degrees and the same item popularity, items shuffled across users.
        SplittableRandom rnd = new SplittableRandom(5);
        for (int k = flat.length - 1; k > 0; k--) {
            int j = rnd.nextInt(k + 1);
            int t = flat[k];
            flat[k] = flat[j];
            flat[j] = t;
        }
        int[][] shuffled = new int[x.numUsers()][];
        for (int u = 0; u < x.numUsers(); u++) {
            shuffled[u] = Arrays.copyOfRange(flat, x.start(u), x.end(u));
        }
        double realChi = coOccurrenceChiSquare(real, x.numItems());
        double nullChi = coOccurrenceChiSquare(shuffled, x.numItems());
        // Observed with the default spec: about 575k vs 90k (6.4x).
        assertThat(realChi / nullChi).as("chi-square real %.0f vs shuffled %.0f", realChi, nullChi).isGreaterThan(3.0);
    }

    @Test
    void itemNeighboursPredictAHeldOutItemFarBetterThanPopularity() {
        // Hold out each user's last item; score candidates by co-occurrence with the user's other items
        // (item kNN) versus by popularity. Planted topics make the first much better.
        Interactions x = DEFAULT.train();
        int n = x.numItems();
        int[] co = new int[n * n];
        int[] pop = new int[n];
        for (int u = 0; u < x.numUsers(); u++) {
            int[] items = Arrays.copyOf(x.itemsOf(u), x.degree(u) - 1);
            for (int i : items) {
                pop[i]++;
                for (int j : items) {
                    if (i != j) {
                        co[i * n + j]++;
                    }
                }
            }
        }
        int knnHits = 0;
        int popHits = 0;
        for (int u = 0; u < x.numUsers(); u++) {
            int[] items = x.itemsOf(u);
            int target = items[items.length - 1];
            double[] knn = new double[n];
            double[] popularity = new double[n];
            for (int j = 0; j < n; j++) {
                popularity[j] = pop[j];
                for (int k = 0; k < items.length - 1; k++) {
                    knn[j] += co[items[k] * n + j] / Math.sqrt(1.0 + pop[items[k]]) / Math.sqrt(1.0 + pop[j]);
                }
            }
            for (int k = 0; k < items.length - 1; k++) {
                knn[items[k]] = Double.NEGATIVE_INFINITY;
                popularity[items[k]] = Double.NEGATIVE_INFINITY;
            }
            knnHits += inTop(knn, target, 10) ? 1 : 0;
            popHits += inTop(popularity, target, 10) ? 1 : 0;
        }
        // Observed with the default spec: 312 vs 113 hits of 1000 (seeds 1 and 2: 286/115, 343/74).
        assertThat(knnHits).as("kNN HR@10 hits (popularity: %d)", popHits).isGreaterThan(2 * popHits);
    }

    private static boolean inTop(double[] scores, int target, int k) {
        int better = 0;
        for (int j = 0; j < scores.length; j++) {
            if (j != target && scores[j] > scores[target]) {
                better++;
            }
        }
        return better < k;
    }
}
