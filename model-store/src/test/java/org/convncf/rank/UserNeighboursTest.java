package org.convncf.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UserNeighboursTest {

    // Five items; u0 {0, 1}, u1 {0, 1, 2}, u2 {2, 3}, u3 {3}; item 4 belongs to nobody.
    private static final int[] OFFSETS = {0, 2, 5, 7, 8};
    private static final int[] ITEMS = {0, 1, 0, 1, 2, 2, 3, 3};

    private static float sim(int shared, int mine, int theirs, double shrink) {
        return (float) (shared / (Math.sqrt(mine) * Math.sqrt(theirs) + shrink));
    }

    @Test
    void aNewUsersItemsFindTheUsersWhoShareThemAndAddTheirSimilarities() {
        UserNeighbours m = new UserNeighbours(OFFSETS, ITEMS, 5, 10, 0);
        float[] out = {9f, 9f, 9f, 9f, 9f};
        m.score(-1, new int[] {0}, 1, out);
        float s0 = sim(1, 1, 2, 0);
        float s1 = sim(1, 1, 3, 0);
        assertThat(out).containsExactly(s0 + s1, s0 + s1, s1, 0f, 0f);
        boolean[] reached = new boolean[5];
        m.reached(-1, new int[] {0}, 1, reached);
        assertThat(reached).containsExactly(true, true, true, false, false);
    }

    @Test
    void aTrainingUserIsNeverTheirOwnNeighbourAndNewItemsChangeTheNeighbours() {
        UserNeighbours m = new UserNeighbours(OFFSETS, ITEMS, 5, 10, 10);
        float[] out = new float[5];
        m.score(1, new int[] {0, 1, 2}, 3, out);
        float s0 = sim(2, 3, 2, 10);
        float s2 = sim(1, 3, 2, 10);
        assertThat(out).containsExactly(s0, s0, s2, s2, 0f);

        m.score(3, new int[] {3}, 1, out);
        assertThat(out).containsExactly(0f, 0f, sim(1, 1, 2, 10), sim(1, 1, 2, 10), 0f);
        m.score(3, new int[] {0, 3}, 2, out); // u3 clicked item 0: u0 and u1 join u2
        float a = sim(1, 2, 2, 10);
        float b = sim(1, 2, 3, 10);
        float c = sim(1, 2, 2, 10);
        assertThat(out).containsExactly(a + b, a + b, b + c, c, 0f);
    }

    @Test
    void topKKeepsTheMostSimilarUsersWithTiesToTheLowerId() {
        UserNeighbours one = new UserNeighbours(OFFSETS, ITEMS, 5, 1, 0);
        float[] out = new float[5];
        one.score(-1, new int[] {0, 1}, 2, out); // u0 (2 of 2 shared) beats u1 (2 of 3)
        assertThat(out).containsExactly(sim(2, 2, 2, 0), sim(2, 2, 2, 0), 0f, 0f, 0f);
        // {2}: u1 and u2 both share one item; u2 has fewer items, so it is more similar
        one.score(-1, new int[] {2}, 1, out);
        assertThat(out).containsExactly(0f, 0f, sim(1, 1, 2, 0), sim(1, 1, 2, 0), 0f);
        // u0 {0, 1} and a copy u1 {0, 1}: equal similarity, the lower id wins
        UserNeighbours twins = new UserNeighbours(new int[] {0, 2, 4, 5}, new int[] {0, 1, 1, 0, 2}, 3, 1, 0);
        twins.score(-1, new int[] {1}, 1, out);
        assertThat(Arrays.copyOf(out, 3)).containsExactly(sim(1, 1, 2, 0), sim(1, 1, 2, 0), 0f);
    }

    @Test
    void matchesABruteForceUserKnnOnRandomProfiles() {
        SplittableRandom rnd = new SplittableRandom(7);
        int users = 60;
        int items = 40;
        int[] offsets = new int[users + 1];
        List<Integer> flat = new ArrayList<>();
        boolean[][] has = new boolean[users][items];
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (rnd.nextInt(6) == 0) {
                    has[u][i] = true;
                    flat.add(i);
                }
            }
            offsets[u + 1] = flat.size();
        }
        int[] profileItems = flat.stream().mapToInt(Integer::intValue).toArray();
        for (int topK : new int[] {1, 5, 100}) {
            UserNeighbours m = new UserNeighbours(offsets, profileItems, items, topK, 3);
            for (int u = -1; u < users; u++) {
                boolean[] mine = u >= 0 ? has[u] : has[0].clone();
                if (u < 0) {
                    mine[39] = !mine[39];
                }
                int[] history = java.util.stream.IntStream.range(0, items).filter(i -> mine[i]).toArray();
                float[] expected = bruteForce(has, mine, u, topK, 3);
                float[] actual = new float[items];
                m.score(u, history, history.length, actual);
                assertThat(actual).as("user %d, topK %d", u, topK).containsExactly(expected);
            }
        }
    }

    /** Dense UserKNN: every other user's similarity, the topK best (ties: lower id), summed by ascending id. */
    private static float[] bruteForce(boolean[][] has, boolean[] mine, int self, int topK, double shrink) {
        int items = mine.length;
        int n = 0;
        for (boolean b : mine) {
            n += b ? 1 : 0;
        }
        List<float[]> candidates = new ArrayList<>(); // {id, sim}
        for (int v = 0; v < has.length; v++) {
            int shared = 0;
            int theirs = 0;
            for (int i = 0; i < items; i++) {
                shared += mine[i] && has[v][i] ? 1 : 0;
                theirs += has[v][i] ? 1 : 0;
            }
            if (v != self && shared > 0) {
                candidates.add(new float[] {v, sim(shared, n, theirs, shrink)});
            }
        }
        candidates.sort(Comparator.<float[]>comparingDouble(c -> -c[1]).thenComparingDouble(c -> c[0]));
        List<float[]> kept = new ArrayList<>(candidates.subList(0, Math.min(topK, candidates.size())));
        kept.sort(Comparator.comparingDouble(c -> c[0]));
        float[] out = new float[items];
        for (float[] c : kept) {
            for (int i = 0; i < items; i++) {
                if (has[(int) c[0]][i]) {
                    out[i] += c[1];
                }
            }
        }
        return out;
    }

    @Test
    void refusesProfilesThatAreNotDistinctItemSets() {
        assertThatThrownBy(() -> new UserNeighbours(new int[] {0, 2}, new int[] {1, 1}, 3, 10, 0))
                .hasMessageContaining("holds item 1 twice");
        assertThatThrownBy(() -> new UserNeighbours(new int[] {0, 1}, new int[] {3}, 3, 10, 0))
                .hasMessageContaining("outside 0..2");
        assertThatThrownBy(() -> new UserNeighbours(new int[] {0, 2}, new int[] {1}, 3, 10, 0))
                .hasMessageContaining("not a CSR matrix");
        assertThatThrownBy(() -> new UserNeighbours(OFFSETS, ITEMS, 5, 0, 0)).hasMessageContaining("topK");
        assertThatThrownBy(() -> new UserNeighbours(OFFSETS, ITEMS, 5, 10, -1)).hasMessageContaining("shrink");
    }

    @Test
    void noItemsReachNothing() {
        UserNeighbours m = new UserNeighbours(OFFSETS, ITEMS, 5, 10, 0);
        float[] out = {1f, 1f, 1f, 1f, 1f};
        m.score(-1, new int[] {4}, 1, out);
        assertThat(out).containsOnly(0f);
        m.score(-1, new int[0], 0, out);
        assertThat(out).containsOnly(0f);
        boolean[] reached = new boolean[5];
        m.reached(-1, new int[] {4}, 1, reached);
        assertThat(reached).containsOnly(false);
    }
}
