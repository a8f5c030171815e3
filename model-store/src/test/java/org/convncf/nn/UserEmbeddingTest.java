package org.convncf.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

    @ParameterizedTest
    @EnumSource(UserEmbeddingKind.class)
    void blockAndPlainJavaAgree(UserEmbeddingKind kind) {
        int users = 3;
        int items = 7;
        int k = 4;
        SplittableRandom rnd = new SplittableRandom(3);
        float[] p = kind.usesUserTable() ? ConvNcfBlockTest.gaussian(rnd, users * k) : null;
        float[] q = kind.usesHistory() ? ConvNcfBlockTest.gaussian(rnd, items * k) : null;
        long[][] history = {{1, 2, 3, 0}, {4, 0, 0, 0}, {5, 6, 2, 1}};
        float[][] mask = {{1, 1, 0, 0}, {0, 0, 0, 0}, {1, 1, 1, 1}}; // user 0: target 3 masked, padding 0
        UserEmbedding plain = new UserEmbedding(kind, k, 0.5f, p, q);
        try (NDManager manager = NDManager.newBaseManager()) {
            UserEmbeddingBlock block = new UserEmbeddingBlock(kind, users, items, k, 0.5f);
            block.initialize(manager, DataType.FLOAT32, new Shape(users), new Shape(users, 4), new Shape(users, 4));
            if (p != null) {
                block.userTable().getArray().set(p);
            }
            if (q != null) {
                block.historyTable().getArray().set(q);
            }
            float[] out = block.forward(new ParameterStore(manager, false), new NDList(
                    manager.create(new long[] {0, 1, 2}), manager.create(history), manager.create(mask)), false)
                    .singletonOrThrow().toFloatArray();
            int[][] kept = {{1, 2}, {}, {5, 6, 2, 1}};
            for (int u = 0; u < users; u++) {
                float[] expected = plain.embed(u, kept[u], kept[u].length, -1, new float[k]);
                for (int d = 0; d < k; d++) {
                    assertThat(out[u * k + d]).isCloseTo(expected[d], within(1e-5f));
                }
            }
        }
    }
}
