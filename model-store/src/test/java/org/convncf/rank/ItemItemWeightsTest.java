package org.convncf.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ItemItemWeightsTest {

    // Four items; W[0, 1] = 0.5, W[0, 2] = 0.25, W[2, 1] = 1, item 1 and 3 feed nothing.
    private final ItemItemWeights w = new ItemItemWeights(new int[] {0, 2, 2, 3, 3}, new int[] {1, 2, 1},
            new float[] {0.5f, 0.25f, 1f});

    @Test
    void scoresSumTheRowsOfTheUsersItems() {
        float[] out = {9f, 9f, 9f, 9f};
        w.score(-1, new int[] {2, 0, 3}, 2, out);
        assertThat(out).containsExactly(0f, 1.5f, 0.25f, 0f);
        w.score(-1, new int[] {3}, 1, out);
        assertThat(out).containsExactly(0f, 0f, 0f, 0f);
        assertThat(w.numItems()).isEqualTo(4);
        assertThat(w.size()).isEqualTo(3);
    }

    @Test
    void reachedMarksEveryListedTargetWhateverItsWeight() {
        // W[0, 1] = 1, W[2, 1] = -1: item 1 is reached by {0, 2} although its score is 0; W[2, 3] < 0.
        ItemItemWeights signed = new ItemItemWeights(new int[] {0, 1, 1, 3, 3}, new int[] {1, 1, 3},
                new float[] {1f, -1f, -0.5f});
        float[] scores = new float[4];
        signed.score(-1, new int[] {2, 0}, 2, scores);
        assertThat(scores).containsExactly(0f, 0f, 0f, -0.5f);
        boolean[] reached = new boolean[4];
        signed.reached(-1, new int[] {2, 0}, 2, reached);
        assertThat(reached).containsExactly(false, true, false, true);
        boolean[] none = new boolean[4];
        signed.reached(-1, new int[] {1, 3}, 2, none);
        assertThat(none).containsExactly(false, false, false, false);
    }

    @Test
    void theOrderOfTheUsersItemsDoesNotChangeAScoreByOneBit() {
        // Float addition is not associative: 1e8 + 1 + ... + 1 is 1e8, but 1 + ... + 1 + 1e8 is not.
        // Summing in ascending source order makes every order of the user's items agree.
        int n = 21;
        int[] offsets = new int[n + 1];
        int[] targets = new int[n];
        float[] weights = new float[n];
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = i + 1;
            weights[i] = i == 0 ? 1e8f : 1f;
        }
        ItemItemWeights many = new ItemItemWeights(offsets, targets, weights);
        int[] ascending = new int[n];
        int[] descending = new int[n];
        for (int i = 0; i < n; i++) {
            ascending[i] = i;
            descending[i] = n - 1 - i;
        }
        float[] a = new float[n];
        float[] b = new float[n];
        many.score(-1, ascending, n, a);
        many.score(-1, descending, n, b);
        assertThat(a[0]).isEqualTo(1e8f);
        assertThat(b).containsExactly(a);
    }

    @Test
    void refusesWhatIsNotACsrMatrix() {
        assertThatThrownBy(() -> new ItemItemWeights(new int[] {0, 2}, new int[] {0}, new float[] {1f}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a CSR matrix");
        assertThatThrownBy(() -> new ItemItemWeights(new int[] {0, 1, 0, 1}, new int[] {0}, new float[] {1f}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decrease at item 1");
        assertThatThrownBy(() -> new ItemItemWeights(new int[] {0, 1}, new int[] {1}, new float[] {1f}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("item 1 outside 0..0");
        assertThatThrownBy(() -> new ItemItemWeights(new int[0], new int[0], new float[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
