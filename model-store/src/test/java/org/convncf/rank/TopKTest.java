package org.convncf.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTest {

    @Test
    void returnsTheKLargestInDescendingOrder() {
        float[] s = {0.1f, 0.9f, 0.5f, 0.7f, 0.3f};
        assertThat(TopK.select(s, s.length, null, 3)).containsExactly(1, 3, 2);
        assertThat(TopK.select(s, s.length, null, 1)).containsExactly(1);
    }

    @Test
    void tiesGoToTheLowerIndex() {
        float[] s = {1f, 2f, 2f, 1f, 2f, 0f};
        assertThat(TopK.select(s, s.length, null, 2)).containsExactly(1, 2);
        assertThat(TopK.select(s, s.length, null, 4)).containsExactly(1, 2, 4, 0);
        float[] equal = new float[10];
        assertThat(TopK.select(equal, equal.length, null, 3)).containsExactly(0, 1, 2);
    }

    @Test
    void kLargerThanNReturnsAllSorted() {
        float[] s = {0.2f, 0.8f, 0.5f};
        assertThat(TopK.select(s, s.length, null, 10)).containsExactly(1, 2, 0);
    }

    @Test
    void onlyTheFirstNScoresAreCandidates() {
        float[] s = {0.2f, 0.8f, 0.5f, 99f};
        assertThat(TopK.select(s, 3, null, 10)).containsExactly(1, 2, 0);
    }

    @Test
    void kOfZeroAndEmptyInputsGiveNothing() {
        assertThat(TopK.select(new float[] {1f, 2f}, 2, null, 0)).isEmpty();
        assertThat(TopK.select(new float[0], 0, null, 5)).isEmpty();
    }

    @Test
    void skippedCandidatesAreNeverReturned() {
        float[] s = {0.1f, 0.9f, 0.5f, 0.7f, 0.3f};
        boolean[] skip = {false, true, false, true, false};
        assertThat(TopK.select(s, s.length, skip, 2)).containsExactly(2, 4);
        assertThat(TopK.select(s, s.length, skip, 10)).containsExactly(2, 4, 0);
        boolean[] all = new boolean[s.length];
        Arrays.fill(all, true);
        assertThat(TopK.select(s, s.length, all, 3)).isEmpty();
    }

    @Test
    void negativeAndInfiniteScores() {
        float[] s = {-5f, Float.NEGATIVE_INFINITY, -1f, Float.POSITIVE_INFINITY};
        assertThat(TopK.select(s, s.length, null, 4)).containsExactly(3, 2, 0, 1);
    }

    @Test
    void nanRanksWithNegativeInfinityBelowEveryNumber() {
        float[] s = {Float.NaN, -5f, Float.NEGATIVE_INFINITY, 1f, Float.NaN};
        assertThat(TopK.select(s, s.length, null, 5)).containsExactly(3, 1, 0, 2, 4);
        assertThat(TopK.select(s, s.length, null, 2)).containsExactly(3, 1);
        float[] first = {Float.NaN, 0f};
        assertThat(TopK.select(first, 2, null, 1)).as("a NaN met first is displaced").containsExactly(1);
    }

    @Test
    void agreesWithAFullSortOnRandomInputs() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(300);
            int k = random.nextInt(n + 5);
            float[] s = new float[n];
            boolean[] skip = new boolean[n];
            for (int i = 0; i < n; i++) {
                s[i] = random.nextInt(20) / 4f; // many ties
                skip[i] = random.nextInt(5) == 0;
            }
            int[] expected = IntStream.range(0, n).filter(i -> !skip[i]).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -s[i]).thenComparingInt(i -> i))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            assertThat(TopK.select(s, n, skip, k)).as("n=%d k=%d", n, k).containsExactly(expected);
        }
    }
}
