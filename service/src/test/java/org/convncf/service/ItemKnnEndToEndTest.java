package org.convncf.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.convncf.rank.ItemItemWeights;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The service serving ItemKNN (sparse, non-negative weights): a new user's click turns {@code popular}
 * into {@code item-item}, the items the click reaches first, then popular items.
 */
class ItemKnnEndToEndTest extends AbstractNeighbourhoodEndToEndTest {

    static final String MODEL = "itemknn";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        serve(registry, MODEL);
    }

    @Override
    String modelName() {
        return MODEL;
    }

    @Test
    void aUsersNewEventsChangeTheNextRecommendation() {
        String user = "new-" + UUID.randomUUID();
        JsonNode popular = recommend(user + "?k=10");
        assertThat(popular.path("strategy").asString()).isEqualTo("popular");

        // the item that reaches the fewest others: with k above that count, the popular items fill the rest
        int item = 0;
        for (int i = 1; i < model.items().size(); i++) {
            if (reach(i) < reach(item)) {
                item = i;
            }
        }
        int reached = reach(item);
        assertThat(reached).isPositive();
        int k = reached + 5;
        assertThat(k).isLessThanOrEqualTo(200);
        String posted = model.items().externalId(item);
        click(user, posted);

        JsonNode after = recommend(user + "?k=" + k);
        assertThat(after.path("strategy").asString()).isEqualTo("item-item");
        List<String> items = TestHttp.items(after);
        assertThat(items).hasSize(k).doesNotHaveDuplicates().doesNotContain(posted);
        List<Double> scores = scores(after);
        assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        // exactly the items the posted one reaches, best first, then popular items with score 0
        float[] expected = new float[model.items().size()];
        model.neighbours().score(-1, new int[] {item}, 1, expected);
        for (int p = 0; p < reached; p++) {
            int target = model.items().indexOf(items.get(p));
            assertThat(expected[target]).isPositive();
            assertThat(scores.get(p)).isEqualTo(expected[target]);
        }
        assertThat(scores.subList(reached, k)).containsOnly(0.0);
    }

    private int reach(int item) {
        int[] offsets = ((ItemItemWeights) model.neighbours()).offsets();
        return offsets[item + 1] - offsets[item];
    }
}
