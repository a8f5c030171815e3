package org.convncf.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.convncf.rank.ItemItemWeights;
import org.convncf.rank.TopK;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The service serving EASE^R (dense weights of either sign): a new user's click ranks every other item
 * by its weight from the clicked one, negative ones included, with no popular fill.
 */
class EaseEndToEndTest extends AbstractNeighbourhoodEndToEndTest {

    static final String MODEL = "ease";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        serve(registry, MODEL);
    }

    @Override
    String modelName() {
        return MODEL;
    }

    @Test
    void everyOtherItemIsReachedSoTheListIsTheClickedItemsRowEvenBelowZero() {
        int numItems = model.items().size();
        assertThat(((ItemItemWeights) model.neighbours()).size()).as("B without its zero diagonal")
                .isEqualTo(numItems * (numItems - 1));

        // the item with the fewest positive weights, so that a list of max-k items reaches below zero
        int item = 0;
        int fewest = Integer.MAX_VALUE;
        float[] row = new float[numItems];
        for (int i = 0; i < numItems; i++) {
            model.neighbours().score(-1, new int[] {i}, 1, row);
            int positive = (int) IntStream.range(0, numItems).filter(j -> row[j] > 0).count();
            if (positive < fewest) {
                fewest = positive;
                item = i;
            }
        }
        int k = 200;
        assertThat(fewest).as("positive weights of item %d", item).isLessThan(k);
        model.neighbours().score(-1, new int[] {item}, 1, row);
        boolean[] excluded = new boolean[numItems];
        excluded[item] = true;
        int[] top = TopK.select(row, numItems, excluded, k);

        String user = "new-" + UUID.randomUUID();
        String posted = model.items().externalId(item);
        click(user, posted);
        JsonNode after = recommend(user + "?k=" + k);
        assertThat(after.path("strategy").asString()).isEqualTo("item-item");
        assertThat(TestHttp.items(after)).containsExactlyElementsOf(Arrays.stream(top).mapToObj(model.items()::externalId).toList());
        List<Double> scores = scores(after);
        for (int p = 0; p < k; p++) {
            assertThat(scores.get(p)).isEqualTo(row[top[p]]);
        }
        assertThat(scores.get(k - 1)).as("the list goes on below zero instead of filling with popular items").isNegative();
    }
}
