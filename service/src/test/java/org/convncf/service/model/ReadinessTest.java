package org.convncf.service.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.convncf.service.ProblemJson.assertProblem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.convncf.service.StoreFixtures;
import org.convncf.service.TestHttp;
import org.convncf.service.TestModels;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Readiness is real: the service starts without a model, is live but not ready, and becomes ready once one is published. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ReadinessTest {

    static final Path EMPTY_STORE = emptyDirectory();

    static Path emptyDirectory() {
        try {
            return Files.createTempDirectory("convncf-empty-store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("convncf.model.store", EMPTY_STORE::toString);
        registry.add("convncf.model.name", () -> TestModels.MODEL);
        registry.add("convncf.model.poll-interval", () -> "200ms");
        registry.add("convncf.security.api-key", () -> TestHttp.API_KEY);
        registry.add("spring.datasource.url", TestHttp::freshDatabaseUrl);
    }

    @LocalServerPort
    int port;

    @Test
    void notReadyWithoutAModelThenReadyOnceOneIsPublished() {
        TestHttp http = new TestHttp(port);

        HttpResponse<String> liveness = http.get("/actuator/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(liveness).path("status").asString()).isEqualTo("UP");

        HttpResponse<String> readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(TestHttp.json(readiness).path("status").asString()).isEqualTo("DOWN");
        // the details (paths of the store) are not shown
        assertThat(readiness.body()).doesNotContain(EMPTY_STORE.toString());

        HttpResponse<String> recommend = http.get("/recommend/u1");
        JsonNode problem = assertProblem(recommend, 503);
        assertThat(recommend.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(problem.path("detail").asString())
                .isEqualTo("no model is loaded yet; the service is starting or the model store is empty");
        assertProblem(http.get("/model"), 503);
        assertThat(http.get("/model").headers().firstValue("Retry-After")).isPresent();

        // events can be stored without a model (nothing is "not scorable" yet)
        HttpResponse<String> posted = http.postEvents("{\"eventId\":\"r-1\",\"user\":\"early\",\"item\":\"i1\"}");
        assertThat(posted.statusCode()).isEqualTo(201);
        assertThat(TestHttp.json(posted).path("notScorable").size()).isZero();

        // a model appears in the store: ready within a few poll intervals (200 ms)
        StoreFixtures.republish(TestModels.store(), EMPTY_STORE, t -> t);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get("/actuator/health/readiness").statusCode() == 200);
        assertThat(TestHttp.json(http.get("/actuator/health/readiness")).path("status").asString()).isEqualTo("UP");
        assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);

        HttpResponse<String> now = http.get("/recommend/u1?k=3");
        assertThat(now.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(now).path("items").size()).isEqualTo(3);
        // the event stored before the model existed is used now: "early" is folded in
        assertThat(TestHttp.json(http.get("/recommend/early")).path("strategy").asString()).isEqualTo("fold-in");
    }
}
