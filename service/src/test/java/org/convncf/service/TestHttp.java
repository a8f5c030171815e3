package org.convncf.service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests against a real server ({@code RANDOM_PORT}). */
public final class TestHttp {

    public static final String API_KEY = "test-api-key-0123456789abcdef";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public TestHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    /** The H2 URL of a fresh in-memory database (PostgreSQL mode, as the embedded default). */
    public static String freshDatabaseUrl() {
        return "jdbc:h2:mem:test-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    /** Waits (up to 30 s) until readiness is UP: the model is loaded off the request path after start-up. */
    public void awaitReady() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/actuator/health/readiness").statusCode() == 200);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** POST with JSON content type and the API key. */
    public HttpResponse<String> postEvents(String json) {
        return send(HttpRequest.newBuilder(URI.create(base + "/events")).header("Content-Type", "application/json")
                .header("X-API-Key", API_KEY).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** POST /events with a body of unknown length (sent chunked). */
    public HttpResponse<String> postEventsChunked(byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base + "/events")).header("Content-Type", "application/json")
                .header("X-API-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sum of every series of {@code name} in a Prometheus scrape, or NaN when there is none. */
    public static double metric(String scrape, String name) {
        double sum = 0;
        boolean found = false;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }

    public static JsonNode json(HttpResponse<String> response) {
        return MAPPER.readTree(response.body());
    }

    /** The item ids of a {@code GET /recommend} answer, best first. */
    public static List<String> items(JsonNode recommendation) {
        List<String> items = new ArrayList<>();
        recommendation.path("items").forEach(i -> items.add(i.path("item").asString()));
        return items;
    }
}
