package org.convncf.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convncf.service.ProblemJson.assertProblem;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.convncf.nn.ServingModel;
import org.convncf.store.ModelStore;
import org.convncf.trainer.data.Interactions;
import org.convncf.trainer.data.SyntheticDataset;
import org.convncf.trainer.eval.Splits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The service as deployed, on a random port, with a tiny real ConvNCF-SVD++ (trained by the trainer
 * on the synthetic dataset) and an in-memory H2 event store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RecommendationEndToEndTest {

    static final String MODEL = "convncf-svdpp";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("convncf.model.store", () -> TestModels.store().toString());
        registry.add("convncf.model.name", () -> TestModels.MODEL);
        registry.add("convncf.security.api-key", () -> TestHttp.API_KEY);
        registry.add("spring.datasource.url", TestHttp::freshDatabaseUrl);
        // every candidate of a fold-in request (300) can be asked for: what they contain does not
        // depend on how the trained model happens to rank them
        registry.add("convncf.recommend.max-k", () -> 300);
    }

    /** u1's items in the training view, derived independently of the model: the same data, split and seed. */
    static Set<String> u1TrainingItems;
    static Set<String> u1HeldOutItems;

    @BeforeAll
    static void deriveTrainingItems() {
        Interactions all = SyntheticDataset.generate(SyntheticDataset.Spec.DEFAULT).train();
        Interactions train = Splits.leaveOneOut("synthetic", all, 49, 42).train();
        u1TrainingItems = externalItems(train, "u1");
        u1HeldOutItems = new HashSet<>(externalItems(all, "u1"));
        u1HeldOutItems.removeAll(u1TrainingItems);
    }

    private static Set<String> externalItems(Interactions interactions, String user) {
        int u = interactions.users().indexOf(user);
        Set<String> items = new HashSet<>();
        for (int i : interactions.itemsOf(u)) {
            items.add(interactions.items().externalId(i));
        }
        return items;
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestHttp http;

    @BeforeEach
    void ready() {
        http = new TestHttp(port);
        http.awaitReady();
    }

    private JsonNode recommend(String query) {
        HttpResponse<String> r = http.get("/recommend/" + query);
        assertThat(r.statusCode()).as("GET /recommend/%s: %s", query, r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return TestHttp.json(r);
    }

    private static String currentVersion() {
        return new ModelStore(TestModels.store()).currentVersion(MODEL).orElseThrow();
    }

    @Test
    void readinessIsUpOnceTheModelIsLoaded() {
        HttpResponse<String> readiness = http.get("/actuator/health/readiness");
        assertThat(TestHttp.json(readiness).path("status").asString()).isEqualTo("UP");
        assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void aTrainingUserIsRankedByConvNcfWithoutTheirTrainingItems() {
        assertThat(u1TrainingItems).hasSizeGreaterThan(2);
        JsonNode r = recommend("u1?k=20");
        assertThat(r.path("user").asString()).isEqualTo("u1");
        assertThat(r.path("strategy").asString()).isEqualTo("convncf");
        assertThat(r.path("model").path("name").asString()).isEqualTo(MODEL);
        assertThat(r.path("model").path("version").asString()).isEqualTo(currentVersion());
        assertThat(r.path("degraded").asBoolean()).isFalse();
        assertThat(r.path("candidates").asInt()).isEqualTo(300);
        assertThat(r.path("timing").path("totalMs").isNumber()).isTrue();
        List<String> items = TestHttp.items(r);
        assertThat(items).hasSize(20).doesNotHaveDuplicates().doesNotContainAnyElementsOf(u1TrainingItems);
        List<Double> scores = new ArrayList<>();
        r.path("items").forEach(i -> scores.add(i.path("score").asDouble()));
        assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));

        // the served model's training history of u1 is exactly the training view's (the service excludes
        // the former; the held-out test and validation items may be recommended)
        ServingModel model = ServingModel.read(new ModelStore(TestModels.store()).openCurrent(MODEL));
        int u = model.users().indexOf("u1");
        Set<String> history = new HashSet<>();
        for (int idx = model.historyOffsets()[u]; idx < model.historyOffsets()[u + 1]; idx++) {
            history.add(model.items().externalId(model.historyItems()[idx]));
        }
        assertThat(history).isEqualTo(u1TrainingItems);
        assertThat(u1HeldOutItems).hasSize(2).doesNotContainAnyElementsOf(history);
    }

    @Test
    void defaultKIsTen() {
        assertThat(TestHttp.items(recommend("u2"))).hasSize(10);
    }

    @Test
    void excludeRemovesItems() {
        List<String> before = TestHttp.items(recommend("u3?k=10"));
        JsonNode after = recommend("u3?k=10&exclude=" + before.get(0) + "," + before.get(1) + "&exclude=no-such-item");
        List<String> items = TestHttp.items(after);
        assertThat(items).hasSize(10).doesNotContain(before.get(0), before.get(1));
        assertThat(items).containsAll(before.subList(2, 10));
    }

    @Test
    void aNewUserGetsPopularItemsThenFoldInAfterTheirFirstEvents() {
        String user = "new-" + UUID.randomUUID();
        JsonNode popular = recommend(user + "?k=10");
        assertThat(popular.path("strategy").asString()).isEqualTo("popular");
        assertThat(popular.path("candidates").asInt()).isZero();
        List<String> popularItems = TestHttp.items(popular);
        assertThat(popularItems).hasSize(10);

        // the three most popular items: certain to be among the candidates when they are not excluded
        List<String> posted = popularItems.subList(0, 3);
        HttpResponse<String> stored = http.postEvents("[" + String.join(",",
                event(user, posted.get(0)), event(user, posted.get(1)), event(user, posted.get(2))) + "]");
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        assertThat(TestHttp.json(stored).path("stored").asInt()).isEqualTo(3);

        // the very next request sees them (the write invalidated the cached empty history)
        JsonNode foldIn = recommend(user + "?k=10");
        assertThat(foldIn.path("strategy").asString()).isEqualTo("fold-in");
        assertThat(foldIn.path("candidates").asInt()).isEqualTo(300);
        List<String> foldInItems = TestHttp.items(foldIn);
        assertThat(foldInItems).hasSize(10).isNotEqualTo(popularItems).doesNotContainAnyElementsOf(posted);

        // includeSeen=true: the posted items are candidates again, so the whole candidate list has them
        List<String> withSeen = TestHttp.items(recommend(user + "?k=300&includeSeen=true"));
        assertThat(withSeen).hasSize(300).containsAll(posted);
        assertThat(TestHttp.items(recommend(user + "?k=200"))).hasSize(200).doesNotContainAnyElementsOf(posted);
    }

    private static String event(String user, String item) {
        return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"user\":\"" + user + "\",\"item\":\"" + item
                + "\",\"type\":\"click\"}";
    }

    @Test
    void aRetriedEventIsStoredOnce() {
        String id = "dup-" + UUID.randomUUID();
        String body = "{\"eventId\":\"" + id + "\",\"user\":\"retry-user\",\"item\":\"i5\",\"timestamp\":1700000000000}";
        HttpResponse<String> first = http.postEvents(body);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(TestHttp.json(first).path("stored").asInt()).isEqualTo(1);
        assertThat(TestHttp.json(first).path("events").get(0).path("status").asString()).isEqualTo("stored");

        HttpResponse<String> second = http.postEvents(body);
        assertThat(second.statusCode()).isEqualTo(200);
        JsonNode result = TestHttp.json(second);
        assertThat(result.path("stored").asInt()).isZero();
        assertThat(result.path("duplicates").asInt()).isEqualTo(1);
        assertThat(result.path("events").get(0).path("eventId").asString()).isEqualTo(id);
        assertThat(result.path("events").get(0).path("status").asString()).isEqualTo("duplicate");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM events WHERE event_id = ?", Long.class, id)).isEqualTo(1L);

        // in one request: an identical repeat is a duplicate, a conflicting one is 422 and nothing is stored
        String id2 = "dup-" + UUID.randomUUID();
        String e = "{\"eventId\":\"" + id2 + "\",\"user\":\"retry-user\",\"item\":\"i6\",\"timestamp\":1700000000000}";
        HttpResponse<String> repeated = http.postEvents("[" + e + "," + e + "]");
        assertThat(repeated.statusCode()).isEqualTo(201);
        assertThat(TestHttp.json(repeated).path("stored").asInt()).isEqualTo(1);
        assertThat(TestHttp.json(repeated).path("duplicates").asInt()).isEqualTo(1);
        String id3 = "dup-" + UUID.randomUUID();
        HttpResponse<String> conflict = http.postEvents("[{\"eventId\":\"" + id3 + "\",\"user\":\"a\",\"item\":\"i1\"},"
                + "{\"eventId\":\"" + id3 + "\",\"user\":\"a\",\"item\":\"i2\"}]");
        assertThat(assertProblem(conflict, 422).path("detail").asString())
                .isEqualTo("events[1] reuses the eventId of events[0] with different content");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM events WHERE event_id = ?", Long.class, id3)).isZero();
    }

    @Test
    void idsAtTheirLimitsAreStoredAndLongerOnesAreRefusedAs400() {
        String emoji = "\uD83D\uDE00";
        String eventId = emoji.repeat(63) + UUID.randomUUID().toString().substring(0, 2);
        String user = emoji.repeat(127) + UUID.randomUUID().toString().substring(0, 2);
        HttpResponse<String> r = http.postEvents("{\"eventId\":\"" + eventId + "\",\"user\":\"" + user + "\",\"item\":\""
                + "x".repeat(256) + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT user_id FROM events WHERE event_id = ?", String.class, eventId))
                .isEqualTo(user);
        // one more emoji does not fit the event_id column: a precise 400, not "store unavailable"
        assertThat(assertProblem(http.postEvents("{\"eventId\":\"" + emoji.repeat(65) + "\",\"user\":\"a\",\"item\":\"b\"}"),
                400).path("detail").asString()).isEqualTo("event.eventId is 130 characters long; at most 128 are allowed");
    }

    @Test
    void unknownItemsAreStoredAndListedAsNotScorable() {
        String user = "ns-" + UUID.randomUUID();
        HttpResponse<String> r = http.postEvents("[{\"user\":\"" + user + "\",\"item\":\"no-such-item\"},"
                + "{\"user\":\"" + user + "\",\"item\":\"i1\"},{\"user\":\"" + user + "\",\"item\":\"no-such-item\"}]");
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode result = TestHttp.json(r);
        assertThat(result.path("stored").asInt()).isEqualTo(3);
        assertThat(result.path("notScorable").size()).isEqualTo(1);
        assertThat(result.path("notScorable").get(0).asString()).isEqualTo("no-such-item");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM events WHERE user_id = ?", Long.class, user)).isEqualTo(3L);
        // the known item folds the user in; the unknown one is ignored by the model
        JsonNode rec = recommend(user);
        assertThat(rec.path("strategy").asString()).isEqualTo("fold-in");
        assertThat(TestHttp.items(rec)).doesNotContain("i1", "no-such-item");
    }

    @Test
    void eventsNeedTheKeyAndJson() {
        HttpResponse<String> noKey = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"a\",\"item\":\"b\"}")));
        assertProblem(noKey, 401);
        assertThat(noKey.headers().firstValue("WWW-Authenticate")).hasValue("ApiKey header=\"X-API-Key\"");
        HttpResponse<String> text = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/events"))
                .header("Content-Type", "text/plain").header("X-API-Key", TestHttp.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"a\",\"item\":\"b\"}")));
        assertProblem(text, 415);
        assertThat(assertProblem(http.postEvents("{\"user\":"), 400).path("detail").asString())
                .startsWith("malformed JSON at line 1, column ");
    }

    @Test
    void bodiesOverTheLimitAre413WithOrWithoutContentLength() {
        byte[] big = ("[" + "{\"user\":\"u\",\"item\":\"i1\"},".repeat(50_000) + "{\"user\":\"u\",\"item\":\"i1\"}]")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(big.length).isGreaterThan(1024 * 1024);
        assertThat(assertProblem(http.postEvents(new String(big, StandardCharsets.UTF_8)), 413).path("detail").asString())
                .isEqualTo("request body of " + big.length + " bytes exceeds the limit of 1048576 bytes");
        assertThat(assertProblem(http.postEventsChunked(big), 413).path("detail").asString())
                .isEqualTo("request body exceeds the limit of 1048576 bytes");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM events WHERE user_id = 'u'", Long.class)).isZero();
    }

    @Test
    void modelDescribesTheServedVersion() {
        HttpResponse<String> r = http.get("/model");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode model = TestHttp.json(r);
        assertThat(model.path("name").asString()).isEqualTo(MODEL);
        assertThat(model.path("version").asString()).isEqualTo(currentVersion());
        assertThat(model.path("type").asString()).isEqualTo("convncf");
        assertThat(model.path("userEmbedding").asString()).isEqualTo("svdpp");
        assertThat(model.path("users").asInt()).isEqualTo(1000);
        assertThat(model.path("items").asInt()).isEqualTo(400);
        assertThat(model.path("scorer").asString()).isIn("djl", "vector");
        assertThat(model.path("metrics").path("test").path("NDCG@10").isNumber()).isTrue();
        assertThat(model.path("metrics").path("validation").path("HR@10").asDouble()).isBetween(0.0, 1.0);
        assertThat(model.path("split").path("seed").asInt()).isEqualTo(42);
    }

    @Test
    void prometheusExposesTheServiceMetrics() {
        recommend("u4?k=5");
        recommend("nobody-" + UUID.randomUUID());
        assertThat(http.postEvents("{\"user\":\"metrics-user\",\"item\":\"i9\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> r = http.get("/actuator/prometheus");
        assertThat(r.statusCode()).isEqualTo(200);
        String scrape = r.body();
        assertThat(scrape).contains("convncf_recommend_seconds_count{", "strategy=\"convncf\"", "strategy=\"popular\"",
                "convncf_recommend_seconds_bucket{", "convncf_events_ingested_total{", "convncf_model_info{",
                "version=\"" + currentVersion() + "\"", "convncf_model_loaded", "convncf_cnn_inference_seconds",
                "cache_gets_total{", "cache=\"userHistories\"", "cache=\"userEmbeddings\"", "cache_size{");
        assertThat(TestHttp.metric(scrape, "convncf_events_ingested_total")).isGreaterThanOrEqualTo(1.0);
        assertThat(TestHttp.metric(scrape, "convncf_model_loaded")).isEqualTo(1.0);
        assertThat(TestHttp.metric(scrape, "convncf_model_load_failures_total")).isEqualTo(0.0);
    }

    @Test
    void openApiDocumentsTheEndpoints() {
        HttpResponse<String> r = http.get("/v3/api-docs");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode paths = TestHttp.json(r).path("paths");
        assertThat(paths.has("/recommend/{user}")).as(r.body()).isTrue();
        assertThat(paths.path("/recommend/{user}").has("get")).isTrue();
        assertThat(paths.has("/events")).isTrue();
        assertThat(paths.path("/events").has("post")).isTrue();
        assertThat(paths.has("/model")).isTrue();
        assertThat(TestHttp.json(r).path("components").path("securitySchemes").path("apiKey").path("name").asString())
                .isEqualTo("X-API-Key");
    }

    @Test
    void onlyHealthInfoAndPrometheusAreExposed() {
        assertProblem(http.get("/actuator/env"), 404);
        assertProblem(http.get("/actuator/beans"), 404);
        assertProblem(http.get("/actuator/configprops"), 404);
        assertProblem(http.get("/actuator/heapdump"), 404);
        assertThat(http.get("/actuator/info").statusCode()).isEqualTo(200);
    }

    @Test
    void infoNamesTheCommitTheServiceWasBuiltFrom() throws IOException {
        JsonNode info = TestHttp.json(http.get("/actuator/info"));
        // The build writes git.properties when it runs in a git checkout (the Docker image's build has none).
        URL built = getClass().getResource("/git.properties");
        if (built == null) {
            assertThat(info.has("git")).isFalse();
            return;
        }
        Properties git = new Properties();
        try (InputStream in = built.openStream()) {
            git.load(in);
        }
        assertThat(info.path("git").path("commit").path("id").asString())
                .isEqualTo(git.getProperty("git.commit.id").substring(0, 7));
        assertThat(info.path("git").path("branch").asString()).isEqualTo(git.getProperty("git.branch"));
    }

    @Test
    void unknownPathsAreProblem404s() {
        assertProblem(http.get("/no/such/path"), 404);
        assertProblem(http.get("/recommend"), 404);
    }

    @Test
    void invalidParametersAreProblem400s() {
        assertThat(assertProblem(http.get("/recommend/u1?k=0"), 400).path("detail").asString())
                .isEqualTo("parameter 'k' must be between 1 and 300, got 0");
        assertThat(assertProblem(http.get("/recommend/u1?k=abc"), 400).path("detail").asString())
                .isEqualTo("parameter 'k' must be an integer");
        assertThat(assertProblem(http.get("/recommend/%20"), 400).path("detail").asString())
                .isEqualTo("the user id must not be blank");
    }
}
