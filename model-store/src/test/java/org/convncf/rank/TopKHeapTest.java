package org.convncf.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKHeapTest {

    @Test
    void keepsTheLargestValuesWithTiesToTheLowerIdWhateverTheArrivalOrder() {
        float[] values = {0.5f, 0.9f, 0.5f, 0.1f, 0.9f, 0.5f, 0.3f};
        List<Integer> ids = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6));
        Random rnd = new Random(1);
        for (int round = 0; round < 50; round++) {
            Collections.shuffle(ids, rnd);
            TopKHeap top = new TopKHeap(3);
            for (int id : ids) {
                top.offer(id, values[id]);
            }
            int[] keptIds = new int[3];
            float[] keptValues = new float[3];
            assertThat(top.size()).isEqualTo(3);
            top.drainSortedById(keptIds, keptValues);
            // 0.9 (ids 1, 4), then the three-way tie at 0.5 goes to id 0.
            assertThat(keptIds).containsExactly(0, 1, 4);
            assertThat(keptValues).containsExactly(0.5f, 0.9f, 0.9f);
            assertThat(top.size()).isZero();
        }
    }

    @Test
    void keepsEverythingWhenThereAreFewerCandidatesThanK() {
        TopKHeap top = new TopKHeap(10);
        top.offer(7, 1f);
        top.offer(2, 3f);
        assertThat(top.ids()).containsExactly(2, 7);
        assertThatThrownBy(() -> new TopKHeap(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("k must be >= 1, got 0");
    }
}
