package org.convncf.service.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.convncf.service.Docker;
import org.convncf.service.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The service against a real PostgreSQL: Flyway creates the schema, events are stored durably and
 * idempotently, and "the last N events of a user" is an index-only scan.
 */
@ExtendWith(Docker.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostgresEventStoreIT {

    static final String KEY = "integration-test-key-0123";
    static PostgreSQLContainer postgres;

    @BeforeAll
    static void startDatabase() {
        postgres = new PostgreSQLContainer(Docker.POSTGRES_IMAGE);
        postgres.start();
    }

    @AfterAll
    static void stopDatabase() {
        if (postgres != null) {
            postgres.stop();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Path store = TestModels.store();
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl());
        registry.add("spring.datasource.username", () -> postgres.getUsername());
        registry.add("spring.datasource.password", () -> postgres.getPassword());
        registry.add("convncf.model.store", store::toString);
        registry.add("convncf.model.name", () -> TestModels.MODEL);
        registry.add("convncf.security.api-key", () -> KEY);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void storesEventsIdempotentlyAndFoldsInANewUser() throws Exception {
        awaitReady();
        String body = "[{\"eventId\":\"pg-1\",\"user\":\"pg-user\",\"item\":\"i40\"},"
                + "{\"eventId\":\"pg-2\",\"user\":\"pg-user\",\"item\":\"i287\",\"timestamp\":\"2026-01-02T03:04:05Z\"}]";
        HttpResponse<String> first = post(body);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.body()).contains("\"stored\":2");
        HttpResponse<String> retry = post(body);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).contains("\"duplicates\":2");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM events WHERE user_id = 'pg-user'", Long.class)).isEqualTo(2);
        Map<String, Object> row = jdbc.queryForMap("SELECT item_id, event_type, occurred_at FROM events WHERE event_id = 'pg-2'");
        assertThat(row.get("item_id")).isEqualTo("i287");
        assertThat(row.get("event_type")).isEqualTo("interaction");
        assertThat(row.get("occurred_at").toString()).startsWith("2026-01-02");

        HttpResponse<String> rec = get("/recommend/pg-user?k=5");
        assertThat(rec.statusCode()).isEqualTo(200);
        assertThat(rec.body()).contains("\"strategy\":\"fold-in\"").doesNotContain("\"i40\"").doesNotContain("\"i287\"");
    }

    @Test
    void recentEventsOfAUserAreAnIndexOnlyScan() {
        jdbc.update("INSERT INTO events (event_id, user_id, item_id, event_type, occurred_at)"
                + " SELECT 'bulk-' || g, 'bulk-user-' || (g % 100), 'i' || (g % 400), 'click', now() - g * interval '1 second'"
                + " FROM generate_series(1, 200000) g");
        jdbc.execute("VACUUM ANALYZE events");
        // 2,000 events per user: the newest 800 come straight off the index, in order, without a sort.
        List<String> plan = jdbc.queryForList("EXPLAIN SELECT item_id FROM events WHERE user_id = 'bulk-user-42'"
                + " ORDER BY occurred_at DESC, id DESC LIMIT 800", String.class);
        assertThat(String.join("\n", plan)).contains("Index Only Scan using events_user_recent").doesNotContain("Sort");
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (get("/actuator/health/readiness").statusCode() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the service did not become ready");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/events"))
                .header("Content-Type", "application/json").header("X-API-Key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
