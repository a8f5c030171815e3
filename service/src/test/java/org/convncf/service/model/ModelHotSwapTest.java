package org.convncf.service.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.convncf.service.StoreFixtures;
import org.convncf.service.TestHttp;
import org.convncf.service.TestModels;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A new model version is swapped in under concurrent load without a failed request, the old one is
 * released once its requests are done; a corrupt version is refused while the old one keeps serving.
 * (In this package to see {@link LoadedModel#references()}.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelHotSwapTest {

    static final Path STORE = TestModels.copyOfStore();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("convncf.model.store", STORE::toString);
        registry.add("convncf.model.name", () -> TestModels.MODEL);
        registry.add("convncf.model.poll-interval", () -> "200ms");
        registry.add("convncf.security.api-key", () -> TestHttp.API_KEY);
        registry.add("spring.datasource.url", TestHttp::freshDatabaseUrl);
    }

    @LocalServerPort
    int port;

    @Autowired
    ModelHolder holder;

    /** A recommendation that came back: which version made it, and when it completed. */
    record Answer(long completedNanos, String version) {
    }

    private LoadedModel awaitModel() {
        await().atMost(Duration.ofSeconds(30)).until(() -> holder.peek().isPresent());
        return holder.peek().orElseThrow();
    }

    @Test
    @Order(1)
    void swapsANewVersionUnderLoadWithoutAFailedRequest() throws Exception {
        TestHttp http = new TestHttp(port);
        LoadedModel old = awaitModel();
        String v1 = old.version();
        assertThat(old.references()).isEqualTo(1);

        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            running.add(clients.submit(() -> {
                while (!stop.get()) {
                    String user = "u" + (1 + ThreadLocalRandom.current().nextInt(1000));
                    try {
                        HttpResponse<String> r = http.get("/recommend/" + user + "?k=10");
                        if (r.statusCode() != 200) {
                            failures.add(r.statusCode() + " " + r.body());
                        } else {
                            JsonNode body = TestHttp.json(r);
                            if (body.path("items").size() != 10) {
                                failures.add("not 10 items: " + r.body());
                            }
                            answers.add(new Answer(System.nanoTime(), body.path("model").path("version").asString()));
                        }
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    }
                }
            }));
        }
        String v2;
        try {
            Thread.sleep(1000);
            v2 = StoreFixtures.republish(STORE, STORE, StoreFixtures::negatedOutputLayer).version();
            long published = System.nanoTime();
            await().atMost(Duration.ofSeconds(20)).until(() -> answers.stream().anyMatch(a -> a.version().equals(v2)));
            long firstNew = System.nanoTime();
            // keep the load on after the switch, for at least 20 answers of the new version
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> answers.stream().filter(a -> a.version().equals(v2)).count() >= 20);
            assertThat(Duration.ofNanos(firstNew - published)).isLessThan(Duration.ofSeconds(20));
        } finally {
            stop.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        for (Future<?> f : running) {
            f.get();
        }

        assertThat(failures).as("failed requests").isEmpty();
        List<Answer> all = answers.stream().sorted((a, b) -> Long.compare(a.completedNanos(), b.completedNanos())).toList();
        assertThat(all.size()).isGreaterThan(20);
        assertThat(all).extracting(Answer::version).containsOnly(v1, v2).contains(v1, v2);
        // after the switch only the new version answers (a request that held the old model when the swap
        // happened may still finish with it; the last answers are all new)
        assertThat(all.subList(all.size() - 10, all.size())).extracting(Answer::version).containsOnly(v2);
        assertThat(all.get(0).version()).isEqualTo(v1);

        JsonNode model = TestHttp.json(http.get("/model"));
        assertThat(model.path("version").asString()).isEqualTo(v2);
        assertThat(holder.peek().orElseThrow().version()).isEqualTo(v2);
        // every lease on the old model was returned: released (its scorer closed), and it cannot be leased again
        await().atMost(Duration.ofSeconds(5)).until(() -> old.references() == 0);
        assertThat(old.retain()).isFalse();
        assertThat(holder.peek().orElseThrow().references()).isEqualTo(1);
        assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void refusesACorruptVersionAndKeepsServingTheOldOne() {
        TestHttp http = new TestHttp(port);
        LoadedModel serving = awaitModel();
        double failuresBefore = TestHttp.metric(http.get("/actuator/prometheus").body(), "convncf_model_load_failures_total");
        assertThat(failuresBefore).isEqualTo(0.0);

        String corrupt = StoreFixtures.publishCorruptVersion(STORE);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                TestHttp.metric(http.get("/actuator/prometheus").body(), "convncf_model_load_failures_total") > failuresBefore);
        // it is refused once, not reloaded on every poll
        await().pollDelay(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(TestHttp.metric(http.get("/actuator/prometheus").body(), "convncf_model_load_failures_total"))
                .isEqualTo(failuresBefore + 1);

        assertThat(holder.peek().orElseThrow()).isSameAs(serving);
        assertThat(serving.references()).isEqualTo(1);
        HttpResponse<String> r = http.get("/recommend/u1?k=5");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(r).path("model").path("version").asString()).isEqualTo(serving.version())
                .isNotEqualTo(corrupt);
        assertThat(TestHttp.json(http.get("/model")).path("version").asString()).isEqualTo(serving.version());
        HttpResponse<String> readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(readiness).path("status").asString()).isEqualTo("UP");

        // back to a good version: served again without a restart
        StoreFixtures.pointCurrentAt(STORE, serving.version());
        String v3 = StoreFixtures.republish(STORE, STORE, t -> t).version();
        await().atMost(Duration.ofSeconds(10)).until(() -> holder.peek().orElseThrow().version().equals(v3));
    }
}
