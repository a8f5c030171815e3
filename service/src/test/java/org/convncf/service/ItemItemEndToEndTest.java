package org.convncf.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.convncf.nn.ServingModel;
import org.convncf.rank.TopK;
import org.convncf.store.ModelStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The service serving an item-item model (ItemKNN trained by the trainer on the synthetic dataset):
 * a training user gets exactly the model's top items, and a user's new events change the next
 * recommendation with no retraining.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ItemItemEndToEndTest {

    static final String MODEL = "itemknn";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("convncf.model.store", () -> TestModels.itemItemStore().toString());
        registry.add("convncf.model.name", () -> MODEL);
        registry.add("convncf.security.api-key", () -> TestHttp.API_KEY);
        registry.add("spring.datasource.url", TestHttp::freshDatabaseUrl);
    }

    static ServingModel model;

    @BeforeAll
    static void readModel() {
        model = ServingModel.read(new ModelStore(TestModels.itemItemStore()).openCurrent(MODEL));
    }

    @LocalServerPort
    int port;

    TestHttp http;

    @BeforeEach
    void ready() {
        http = new TestHttp(port);
        http.awaitReady();
    }

    @Test
    void theModelIsServedAsItemItem() {
        assertThat(model.isItemItem()).isTrue();
        JsonNode info = TestHttp.json(http.get("/model"));
        assertThat(info.path("type").asString()).isEqualTo("itemitem");
        assertThat(info.path("userEmbedding").asString()).isEqualTo("itemknn");
        assertThat(info.path("scorer").asString()).isEqualTo("item-item");
        assertThat(info.path("items").asInt()).isEqualTo(model.items().size());
    }

    @Test
    void aTrainingUserGetsTheModelsTopItemsWithoutTheirTrainingItems() {
        int u = model.users().indexOf("u1");
        int[] history = Arrays.copyOfRange(model.historyItems(), model.historyOffsets()[u], model.historyOffsets()[u + 1]);
        assertThat(history.length).isLessThanOrEqualTo(model.historyLength());
        float[] scores = new float[model.items().size()];
        model.neighbours().score(history, history.length, scores);
        boolean[] excluded = new boolean[scores.length];
        for (int i : history) {
            excluded[i] = true;
        }
        int[] top = TopK.select(scores, scores.length, excluded, 20);
        assertThat(scores[top[19]]).as("the model reaches 20 items for u1").isPositive();

        JsonNode r = recommend("u1?k=20");
        assertThat(r.path("strategy").asString()).isEqualTo("item-item");
        assertThat(r.path("candidates").asInt()).isEqualTo(model.items().size());
        assertThat(TestHttp.items(r)).containsExactlyElementsOf(Arrays.stream(top).mapToObj(model.items()::externalId).toList());
        for (int k = 0; k < 20; k++) {
            assertThat(r.path("items").get(k).path("score").asDouble()).isEqualTo(scores[top[k]]);
        }
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
        HttpResponse<String> stored = http.postEvents("[{\"eventId\":\"" + UUID.randomUUID() + "\",\"user\":\"" + user
                + "\",\"item\":\"" + posted + "\",\"type\":\"click\"}]");
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);

        JsonNode after = recommend(user + "?k=" + k);
        assertThat(after.path("strategy").asString()).isEqualTo("item-item");
        List<String> items = TestHttp.items(after);
        assertThat(items).hasSize(k).doesNotHaveDuplicates().doesNotContain(posted);
        List<Double> scores = new ArrayList<>();
        after.path("items").forEach(i -> scores.add(i.path("score").asDouble()));
        assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        // exactly the items the posted one reaches, best first, then popular items with score 0
        float[] expected = new float[model.items().size()];
        model.neighbours().score(new int[] {item}, 1, expected);
        for (int p = 0; p < reached; p++) {
            int target = model.items().indexOf(items.get(p));
            assertThat(expected[target]).isPositive();
            assertThat(scores.get(p)).isEqualTo(expected[target]);
        }
        assertThat(scores.subList(reached, k)).containsOnly(0.0);
    }

    private int reach(int item) {
        int[] offsets = model.neighbours().offsets();
        return offsets[item + 1] - offsets[item];
    }

    private JsonNode recommend(String query) {
        HttpResponse<String> r = http.get("/recommend/" + query);
        assertThat(r.statusCode()).as("GET /recommend/%s: %s", query, r.body()).isEqualTo(200);
        return TestHttp.json(r);
    }
}
