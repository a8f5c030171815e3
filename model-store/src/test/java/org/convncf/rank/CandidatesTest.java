package org.convncf.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CandidatesTest {

    /** Item i scores i: retrieval prefers high ids. */
    private static final float[] BY_ID = {0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f};

    /** Item 0 is the most popular, then 1, and so on. */
    private static final int[] POPULAR_FIRST = IntStream.range(0, 8).toArray();

    @Test
    void popularityOrderIsByCountThenLowerId() {
        assertThat(Candidates.popularityOrder(new int[] {1, 3, 1, 0, 3})).containsExactly(1, 4, 0, 2, 3);
        assertThat(Candidates.popularityOrder(new int[0])).isEmpty();
    }

    @Test
    void retrievedFirstBestFirstThenThePopularShare() {
        // round(5 · 0.4) = 2 from popularity: 7, 6, 5 by score, then 0, 1.
        assertThat(Candidates.select(BY_ID, null, 5, 0.4, POPULAR_FIRST)).containsExactly(7, 6, 5, 0, 1);
        assertThat(Candidates.select(BY_ID, null, 3, 0, POPULAR_FIRST)).containsExactly(7, 6, 5);
        assertThat(Candidates.select(BY_ID, null, 3, 1, POPULAR_FIRST)).containsExactly(0, 1, 2);
    }

    @Test
    void popularItemsAlreadyRetrievedAreSkippedAndExcludedItemsNeverTaken() {
        int[] unpopularFirst = IntStream.range(0, 8).map(i -> 7 - i).toArray();
        assertThat(Candidates.select(BY_ID, null, 4, 0.5, unpopularFirst)).containsExactly(7, 6, 5, 4);
        boolean[] excluded = new boolean[8];
        excluded[7] = true;
        excluded[0] = true;
        assertThat(Candidates.select(BY_ID, excluded, 4, 0.5, POPULAR_FIRST)).containsExactly(6, 5, 1, 2);
    }

    @Test
    void fewerAllowedItemsThanRequestedGivesThemAll() {
        boolean[] excluded = new boolean[8];
        Arrays.fill(excluded, 0, 5, true);
        assertThat(Candidates.select(BY_ID, excluded, 6, 0.5, POPULAR_FIRST)).containsExactly(7, 6, 5);
        assertThat(Candidates.select(BY_ID, null, 0, 0.5, POPULAR_FIRST)).isEmpty();
    }

    @Test
    void aNanRetrievalScoreRanksLast() {
        float[] scores = BY_ID.clone();
        scores[7] = Float.NaN;
        assertThat(Candidates.select(scores, null, 2, 0, POPULAR_FIRST)).containsExactly(6, 5);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> Candidates.select(BY_ID, null, 3, 1.5, POPULAR_FIRST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("popularity share must be in [0, 1]");
        assertThatThrownBy(() -> Candidates.select(BY_ID, null, 3, Double.NaN, POPULAR_FIRST))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Candidates.select(BY_ID, null, -1, 0.1, POPULAR_FIRST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count must be >= 0");
    }
}
