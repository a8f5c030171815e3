package org.convncf.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultMatcher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every error answer must look like (README, "REST API"): RFC 7807 {@code application/problem+json}
 * with the status, a non-empty {@code detail}, and nothing that reveals the implementation (no
 * exception names, no Java packages, no stack frames).
 */
public final class ProblemJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ProblemJson() {
    }

    /** For MockMvc: status, content type, a detail, and no internals. */
    public static ResultMatcher problem(int status) {
        return result -> {
            var response = result.getResponse();
            assertThat(response.getStatus()).as("status").isEqualTo(status);
            assertThat(response.getContentType()).as("content type").isNotNull();
            assertThat(MediaType.parseMediaType(response.getContentType()).isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .as("content type %s is application/problem+json", response.getContentType()).isTrue();
            checkBody(response.getContentAsString(), status);
        };
    }

    /** For real HTTP answers. Returns the parsed problem. */
    public static JsonNode assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as("status of %s, body %s", response.uri(), response.body()).isEqualTo(status);
        String type = response.headers().firstValue("Content-Type").orElse(null);
        assertThat(type).as("content type").isNotNull();
        assertThat(MediaType.parseMediaType(type).isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as("content type %s is application/problem+json", type).isTrue();
        return checkBody(response.body(), status);
    }

    private static JsonNode checkBody(String body, int status) {
        assertThat(body).as("problem body").doesNotContain("Exception", "java.", "at org.", "trace");
        JsonNode problem = MAPPER.readTree(body);
        assertThat(problem.path("status").asInt()).as("status field of %s", body).isEqualTo(status);
        assertThat(problem.path("detail").isString()).as("detail of %s", body).isTrue();
        assertThat(problem.path("detail").asString()).as("detail of %s", body).isNotBlank();
        return problem;
    }
}
