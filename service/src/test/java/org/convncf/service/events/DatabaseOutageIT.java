package org.convncf.service.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.convncf.service.Docker;
import org.convncf.service.ProblemJson;
import org.convncf.service.TestHttp;
import org.convncf.service.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The database goes away and comes back (the container is frozen, then thawed): {@code POST /events}
 * answers 503 with Retry-After within seconds instead of hanging, {@code GET /recommend} keeps
 * answering from cached histories and says it is degraded, and both recover by themselves.
 */
@ExtendWith(Docker.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseOutageIT {

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
        // socketTimeout: a query on a connection to a frozen server fails after 3 s instead of never.
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl() + "&socketTimeout=3&connectTimeout=2");
        registry.add("spring.datasource.username", () -> postgres.getUsername());
        registry.add("spring.datasource.password", () -> postgres.getPassword());
        registry.add("convncf.model.store", () -> TestModels.store().toString());
        registry.add("convncf.model.name", () -> TestModels.MODEL);
        registry.add("convncf.security.api-key", () -> TestHttp.API_KEY);
        registry.add("convncf.events.cache-ttl", () -> "100ms");
    }

    @LocalServerPort
    int port;

    @Test
    void writesAreRefusedCleanlyAndReadsDegradeWhileTheDatabaseIsDown() throws Exception {
        TestHttp http = new TestHttp(port);
        for (int i = 0; i < 300 && http.get("/actuator/health/readiness").statusCode() != 200; i++) {
            Thread.sleep(200);
        }
        assertThat(http.postEvents("[{\"eventId\":\"out-1\",\"user\":\"outage-user\",\"item\":\"i40\"}]").statusCode())
                .isEqualTo(201);
        assertThat(http.get("/recommend/outage-user").body()).contains("\"strategy\":\"fold-in\"");
        Thread.sleep(200); // the cached history is now older than its TTL: reads must go to the database

        var docker = postgres.getDockerClient();
        docker.pauseContainerCmd(postgres.getContainerId()).exec();
        try {
            long start = System.nanoTime();
            HttpResponse<String> refused = http.postEvents("[{\"eventId\":\"out-2\",\"user\":\"outage-user\",\"item\":\"i287\"}]");
            double seconds = (System.nanoTime() - start) / 1e9;
            ProblemJson.assertProblem(refused, 503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(seconds).as("seconds until the refusal").isLessThan(15);

            HttpResponse<String> degraded = http.get("/recommend/outage-user");
            assertThat(degraded.statusCode()).isEqualTo(200);
            assertThat(degraded.body()).contains("\"degraded\":true").contains("\"strategy\":\"fold-in\"");
            assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
            System.out.printf("database frozen: POST /events refused with 503 after %.1f s; /recommend degraded%n", seconds);
        } finally {
            docker.unpauseContainerCmd(postgres.getContainerId()).exec();
        }

        // Recovery without intervention.
        int status = 0;
        for (int i = 0; i < 60 && status != 201; i++) {
            status = http.postEvents("[{\"eventId\":\"out-2\",\"user\":\"outage-user\",\"item\":\"i287\"}]").statusCode();
            if (status != 201) {
                Thread.sleep(500);
            }
        }
        assertThat(status).isEqualTo(201);
        assertThat(http.get("/recommend/outage-user").body()).contains("\"degraded\":false");
    }
}
