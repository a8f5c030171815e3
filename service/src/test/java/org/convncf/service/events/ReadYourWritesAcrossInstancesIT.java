package org.convncf.service.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.convncf.service.Docker;
import org.convncf.service.ServiceApplication;
import org.convncf.service.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Two replicas sharing one PostgreSQL: an event written through one is reflected in the other's
 * very next recommendation, although the other had the user's (empty) history cached with a TTL of
 * a minute. LISTEN/NOTIFY does the invalidation.
 */
@ExtendWith(Docker.class)
class ReadYourWritesAcrossInstancesIT {

    static final String KEY = "integration-test-key-0123";
    static PostgreSQLContainer postgres;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        postgres = new PostgreSQLContainer(Docker.POSTGRES_IMAGE);
        postgres.start();
        Path store = TestModels.store();
        a = replica(store, Files.createTempDirectory("replica-a"));
        b = replica(store, Files.createTempDirectory("replica-b"));
        awaitReady(port(a));
        awaitReady(port(b));
    }

    static ConfigurableApplicationContext replica(Path store, Path dataDir) {
        return new SpringApplicationBuilder(ServiceApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + postgres.getJdbcUrl(),
                "--spring.datasource.username=" + postgres.getUsername(),
                "--spring.datasource.password=" + postgres.getPassword(),
                "--convncf.data-dir=" + dataDir,
                "--convncf.model.store=" + store,
                "--convncf.model.name=" + TestModels.MODEL,
                "--convncf.security.api-key=" + KEY,
                "--convncf.events.cache-ttl=60s");
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (postgres != null) {
            postgres.stop();
        }
    }

    @Test
    void anEventWrittenThroughOneReplicaChangesTheOthersNextRecommendation() throws Exception {
        String user = "ryw-user";
        // Replica B caches the user's empty history (strategy popular).
        assertThat(get(port(b), "/recommend/" + user)).contains("\"strategy\":\"popular\"");

        String events = "[{\"eventId\":\"ryw-1\",\"user\":\"" + user + "\",\"item\":\"i40\"},"
                + "{\"eventId\":\"ryw-2\",\"user\":\"" + user + "\",\"item\":\"i287\"}]";
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port(a) + "/events"))
                .header("Content-Type", "application/json").header("X-API-Key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(events)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(201);
        long acknowledged = System.nanoTime();

        // The writing replica: the very next call.
        assertThat(get(port(a), "/recommend/" + user)).contains("\"strategy\":\"fold-in\"");

        // The other replica: as soon as the notification arrives — far sooner than the 60 s TTL.
        String fromB = get(port(b), "/recommend/" + user);
        int attempts = 1;
        while (!fromB.contains("\"strategy\":\"fold-in\"") && System.nanoTime() - acknowledged < Duration.ofSeconds(5).toNanos()) {
            Thread.sleep(5);
            fromB = get(port(b), "/recommend/" + user);
            attempts++;
        }
        double millis = (System.nanoTime() - acknowledged) / 1e6;
        System.out.printf("replica B reflected the write after %.1f ms (%d request(s))%n", millis, attempts);
        assertThat(fromB).contains("\"strategy\":\"fold-in\"").doesNotContain("\"i40\"").doesNotContain("\"i287\"");
        assertThat(millis).isLessThan(5_000);
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    static void awaitReady(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/actuator/health/readiness")).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("replica on port " + port + " did not become ready");
    }

    static String get(int port, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s on port %d: %s", path, port, r.body()).isEqualTo(200);
        return r.body();
    }
}
