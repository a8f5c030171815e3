package org.convncf.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UserEmbeddingTest {

    @Test
    void fismIsTheNormalisedSumOfHistoryRowsWithoutTheTarget() {
        // K = 2, items 0..2: q'_0 = (1, 0), q'_1 = (0, 2), q'_2 = (4, 4).
        float[] q = {1, 0, 0, 2, 4, 4};
        UserEmbedding fism = new UserEmbedding(UserEmbeddingKind.FISM, 2, 0.5f, null, q);
        float[] out = fism.embed(-1, new int[] {0, 1, 2}, 3, 2, new float[2]);
        // target 2 excluded: (q'_0 + q'_1) / sqrt(2)
        assertThat(out[0]).isCloseTo((float) (1 / Math.sqrt(2)), within(1e-6f));
        assertThat(out[1]).isCloseTo((float) (2 / Math.sqrt(2)), within(1e-6f));
        // only the target in the history: the FISM term vanishes
        assertThat(fism.embed(-1, new int[] {2}, 1, 2, new float[2])).containsExactly(0f, 0f);
    }

    @Test
    void svdppAddsTheUserVectorAndFoldsInUnknownUsers() {
        float[] p = {10, 20};
        float[] q = {1, 0, 0, 2};
        UserEmbedding svdpp = new UserEmbedding(UserEmbeddingKind.SVDPP, 2, 1f, p, q);
        assertThat(svdpp.embed(0, new int[] {0, 1}, 2, -1, new float[2])).containsExactly(10.5f, 21f);
        assertThat(svdpp.embed(-1, new int[] {0, 1}, 2, -1, new float[2])).containsExactly(0.5f, 1f);
        UserEmbedding mf = new UserEmbedding(UserEmbeddingKind.MF, 2, 0.5f, p, null);
        assertThatThrownBy(() -> mf.embed(-1, new int[0], 0, -1, new float[2])).hasMessageContaining("training users");
    }

    @Test
    void embeddingFromTheHistorySumEqualsEmbeddingDirectly() {
        // Random tables and histories (some with a repeated item), every kind, and targets that are in
        // the history, outside it, absent (-1) or its only item.
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        int dim = 8;
        int items = 30;
        int users = 4;
        float[] p = random(rnd, users * dim);
        float[] q = random(rnd, items * dim);
        for (UserEmbeddingKind kind : UserEmbeddingKind.values()) {
            UserEmbedding e = new UserEmbedding(kind, dim, 0.5f, kind.usesUserTable() ? p : null,
                    kind.usesHistory() ? q : null);
            for (int trial = 0; trial < 200; trial++) {
                int length = rnd.nextInt(1, 12);
                int[] history = new int[length + 2];
                for (int h = 0; h < history.length; h++) {
                    history[h] = rnd.nextInt(items);
                }
                int from = 1;
                int to = from + length;
                int exclude = switch (trial % 4) {
                    case 0 -> history[rnd.nextInt(from, to)];
                    case 1 -> -1;
                    case 2 -> items - 1 - trial % 3;
                    default -> { history[from] = 7; yield 7; }
                };
                if (trial % 8 == 3) {
                    to = from + 1; // the target is the whole history
                }
                int user = rnd.nextInt(users);
                float[] direct = new float[dim + 3];
                float[] fromSum = new float[dim + 3];
                float[] sum = new float[dim + 1];
                float c = e.embed(user, history, from, to, exclude, direct, 3);
                if (kind.usesHistory()) {
                    e.historySum(history, from, to, sum, 1);
                }
                assertThat(e.embedFromSum(user, history, from, to, exclude, sum, 1, fromSum, 3)).isEqualTo(c);
                for (int d = 0; d < dim + 3; d++) {
                    assertThat(fromSum[d]).as("%s trial %d, element %d", kind, trial, d)
                            .isCloseTo(direct[d], within(1e-5f * Math.max(1f, Math.abs(direct[d]))));
                }
            }
        }
    }

    private static float[] random(java.util.SplittableRandom rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        return a;
    }
}
