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
}
