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
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

/**
 * The service serving a neighbourhood model (item-item or user-user) trained by the trainer on the
 * synthetic dataset: a training user gets exactly the model's top items, with the model's scores.
 * Subclasses name the model and add what is particular to it (a user's new events change the next
 * recommendation with no retraining).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractNeighbourhoodEndToEndTest {

    /** What every subclass's {@code @DynamicPropertySource} registers: a store serving {@code model}. */
    static void serve(DynamicPropertyRegistry registry, String model) {
        registry.add("convncf.model.store", () -> TestModels.itemItemStore(model).toString());
        registry.add("convncf.model.name", () -> model);
        registry.add("convncf.security.api-key", () -> TestHttp.API_KEY);
        registry.add("spring.datasource.url", TestHttp::freshDatabaseUrl);
    }

    ServingModel model;

    @LocalServerPort
    int port;

    TestHttp http;

    abstract String modelName();

    /** The strategy and scorer the service reports for the model: {@code item-item} or {@code user-user}. */
    String strategy() {
        return "item-item";
    }

    @BeforeAll
    void readModel() {
        model = ServingModel.read(new ModelStore(TestModels.itemItemStore(modelName())).openCurrent(modelName()));
    }

    @BeforeEach
    void ready() {
        http = new TestHttp(port);
        http.awaitReady();
    }

    @Test
    void theModelIsServedFromTheUsersItems() {
        assertThat(model.isNeighbourhood()).isTrue();
        JsonNode info = TestHttp.json(http.get("/model"));
        assertThat(info.path("type").asString()).isEqualTo(strategy().replace("-", ""));
        assertThat(info.path("userEmbedding").asString()).isEqualTo(modelName());
        assertThat(info.path("scorer").asString()).isEqualTo(strategy());
        assertThat(info.path("items").asInt()).isEqualTo(model.items().size());
    }

    @Test
    void aTrainingUserGetsTheModelsTopItemsWithoutTheirTrainingItems() {
        int u = model.users().indexOf("u1");
        int[] history = Arrays.copyOfRange(model.historyItems(), model.historyOffsets()[u], model.historyOffsets()[u + 1]);
        assertThat(history.length).isLessThanOrEqualTo(model.historyLength());
        float[] scores = new float[model.items().size()];
        model.neighbours().score(u, history, history.length, scores);
        boolean[] excluded = new boolean[scores.length];
        for (int i : history) {
            excluded[i] = true;
        }
        int[] top = TopK.select(scores, scores.length, excluded, 20);
        assertThat(scores[top[19]]).as("the model reaches 20 items for u1").isPositive();

        JsonNode r = recommend("u1?k=20");
        assertThat(r.path("strategy").asString()).isEqualTo(strategy());
        assertThat(r.path("candidates").asInt()).isEqualTo(model.items().size());
        assertThat(TestHttp.items(r)).containsExactlyElementsOf(Arrays.stream(top).mapToObj(model.items()::externalId).toList());
        for (int k = 0; k < 20; k++) {
            assertThat(r.path("items").get(k).path("score").asDouble()).isEqualTo(scores[top[k]]);
        }
    }

    /** Posts one click of {@code item} by {@code user}. */
    void click(String user, String item) {
        HttpResponse<String> stored = http.postEvents("[{\"eventId\":\"" + UUID.randomUUID() + "\",\"user\":\"" + user
                + "\",\"item\":\"" + item + "\",\"type\":\"click\"}]");
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
    }

    /** The scores of a response's items, in order. */
    static List<Double> scores(JsonNode r) {
        List<Double> scores = new ArrayList<>();
        r.path("items").forEach(i -> scores.add(i.path("score").asDouble()));
        return scores;
    }

    JsonNode recommend(String query) {
        HttpResponse<String> r = http.get("/recommend/" + query);
        assertThat(r.statusCode()).as("GET /recommend/%s: %s", query, r.body()).isEqualTo(200);
        return TestHttp.json(r);
    }
}
