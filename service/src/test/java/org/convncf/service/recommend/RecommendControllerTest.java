package org.convncf.service.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convncf.service.ProblemJson.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.Filter;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.convncf.service.system.ApiException;
import org.convncf.service.system.WebSliceSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** {@code GET /recommend/{user}}: parameter validation and error mapping, with the recommender mocked. */
@WebMvcTest(RecommendController.class)
@Import(WebSliceSupport.class)
@TestPropertySource(properties = "convncf.security.api-key=slice-test-key-0123456789")
class RecommendControllerTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @MockitoBean
    Recommender recommender;

    @BeforeEach
    void answer() {
        when(recommender.recommend(anyString(), anyInt(), any(), anyBoolean())).thenAnswer(call -> new Recommendation(
                call.getArgument(0), List.of(new Recommendation.ScoredItem("i7", 1.5)),
                new Recommendation.ModelRef("convncf-svdpp", "20261126T115749.702Z-4d990f"), "convncf", false, 300,
                new Recommendation.Timing(0.1, 0.2, 0.3, 0.6)));
    }

    @Test
    void theFiltersAndTheErrorMappingArePartOfTheSlice() {
        assertThat(context.getBeansOfType(Filter.class)).containsKeys("apiKeyFilter", "requestSizeFilter");
        assertThat(context.getBeansWithAnnotation(RestControllerAdvice.class)).containsKey("errorHandling");
    }

    @Test
    void answersWithTheRecommendation() throws Exception {
        mvc.perform(get("/recommend/u1").param("k", "5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.user").value("u1"))
                .andExpect(jsonPath("$.items[0].item").value("i7"))
                .andExpect(jsonPath("$.items[0].score").value(1.5))
                .andExpect(jsonPath("$.model.name").value("convncf-svdpp"))
                .andExpect(jsonPath("$.model.version").value("20261126T115749.702Z-4d990f"))
                .andExpect(jsonPath("$.strategy").value("convncf"))
                .andExpect(jsonPath("$.degraded").value(false))
                .andExpect(jsonPath("$.candidates").value(300))
                .andExpect(jsonPath("$.timing.totalMs").value(0.6));
        verify(recommender).recommend("u1", 5, List.of(), false);
    }

    @Test
    void defaultsToTenItemsAndParsesExcludeAndIncludeSeen() throws Exception {
        mvc.perform(get("/recommend/u1").param("exclude", "i1,i2", "i3").param("includeSeen", "true"))
                .andExpect(status().isOk());
        verify(recommender).recommend("u1", 10, List.of("i1", "i2", "i3"), true);
    }

    @Test
    void kBoundsAreInclusive() throws Exception {
        mvc.perform(get("/recommend/u1").param("k", "1")).andExpect(status().isOk());
        mvc.perform(get("/recommend/u1").param("k", "200")).andExpect(status().isOk());
        verify(recommender).recommend("u1", 1, List.of(), false);
        verify(recommender).recommend("u1", 200, List.of(), false);
    }

    @Test
    void kOfZeroIsRefused() throws Exception {
        mvc.perform(get("/recommend/u1").param("k", "0"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("parameter 'k' must be between 1 and 200, got 0"))
                .andExpect(jsonPath("$.instance").value("/recommend/u1"));
        verifyNoInteractions(recommender);
    }

    @Test
    void kAboveMaxKIsRefused() throws Exception {
        mvc.perform(get("/recommend/u1").param("k", "201"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("parameter 'k' must be between 1 and 200, got 201"));
        verifyNoInteractions(recommender);
    }

    @Test
    void kThatIsNotAnIntegerIsRefused() throws Exception {
        mvc.perform(get("/recommend/u1").param("k", "abc"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("parameter 'k' must be an integer"));
        mvc.perform(get("/recommend/u1").param("k", "99999999999"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("parameter 'k' must be an integer"));
        verifyNoInteractions(recommender);
    }

    @Test
    void includeSeenMustBeABoolean() throws Exception {
        mvc.perform(get("/recommend/u1").param("includeSeen", "maybe"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("parameter 'includeSeen' must be true or false"));
        verifyNoInteractions(recommender);
    }

    @Test
    void excludeOverTheLimitIsRefused() throws Exception {
        String ok = IntStream.range(0, 500).mapToObj(i -> "i" + i).collect(Collectors.joining(","));
        mvc.perform(get("/recommend/u1").param("exclude", ok)).andExpect(status().isOk());
        mvc.perform(get("/recommend/u1").param("exclude", ok + ",i500"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("parameter 'exclude' lists 501 items; at most 500 are allowed"));
        // empty parts are not counted
        mvc.perform(get("/recommend/u1").param("exclude", ok + ",,,")).andExpect(status().isOk());
    }

    @Test
    void blankUserIsRefused() throws Exception {
        mvc.perform(get(URI.create("/recommend/%20%20")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("the user id must not be blank"));
        verifyNoInteractions(recommender);
    }

    @Test
    void userIdsKeepSemicolonsAndPercentEncodedCharacters() throws Exception {
        mvc.perform(get(URI.create("/recommend/a;b%20c"))).andExpect(status().isOk());
        verify(recommender).recommend("a;b c", 10, List.of(), false);
    }

    @Test
    void overLongUserIsRefused() throws Exception {
        mvc.perform(get("/recommend/{user}", "u".repeat(256))).andExpect(status().isOk());
        // length counts UTF-16 units, like the event parser and the database columns: an emoji counts twice
        mvc.perform(get("/recommend/{user}", "u".repeat(254) + "\uD83D\uDE00")).andExpect(status().isOk());
        mvc.perform(get("/recommend/{user}", "u".repeat(255) + "\uD83D\uDE00")).andExpect(problem(400));
        mvc.perform(get("/recommend/{user}", "u".repeat(257)))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("the user id is 257 characters long; at most 256 are allowed"));
    }

    @Test
    void userWithAControlCharacterIsRefused() throws Exception {
        mvc.perform(get(URI.create("/recommend/ab%01c")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("the user id contains a control character at position 2"));
        mvc.perform(get(URI.create("/recommend/ab%0Ac")))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("the user id contains a control character at position 2"));
        verifyNoInteractions(recommender);
    }

    @Test
    void noModelYetIsA503WithRetryAfter() throws Exception {
        when(recommender.recommend(anyString(), anyInt(), any(), anyBoolean())).thenThrow(
                ApiException.unavailable("no model is loaded yet; the service is starting or the model store is empty", 5));
        mvc.perform(get("/recommend/u1"))
                .andExpect(problem(503))
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.detail").value(
                        "no model is loaded yet; the service is starting or the model store is empty"));
    }

    @Test
    void anUnexpectedFailureIsA500ThatRevealsNothing() throws Exception {
        when(recommender.recommend(anyString(), anyInt(), any(), anyBoolean()))
                .thenThrow(new IllegalStateException("secret: java.lang.Thing at org.convncf.Internal"));
        mvc.perform(get("/recommend/u1"))
                .andExpect(problem(500))
                .andExpect(jsonPath("$.detail").value("an unexpected error occurred; it has been logged"));
    }

    @Test
    void readsNeedNoKeyByDefault() throws Exception {
        mvc.perform(get("/recommend/u1")).andExpect(status().isOk());
    }

    @Test
    void unknownPathIsA404Problem() throws Exception {
        mvc.perform(get("/no/such/path")).andExpect(problem(404));
        mvc.perform(get("/recommend")).andExpect(problem(404));
    }

    @Test
    void wrongMethodIsA405Problem() throws Exception {
        mvc.perform(post("/recommend/u1").contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(problem(405));
        verify(recommender, org.mockito.Mockito.never()).recommend(any(), eq(10), any(), anyBoolean());
    }
}
