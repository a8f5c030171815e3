package org.convncf.service.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convncf.service.ProblemJson.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.Filter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.convncf.service.system.ApiException;
import org.convncf.service.system.WebSliceSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * {@code POST /events} over HTTP: the real {@link EventParser}, the API-key and body-size filters, the
 * error mapping; the storing service is mocked.
 */
@WebMvcTest(EventController.class)
@Import({WebSliceSupport.class, EventParser.class, EventControllerTest.FixedClock.class})
@TestPropertySource(properties = {"convncf.security.api-key=" + EventControllerTest.KEY, "convncf.events.max-batch=5",
        "convncf.http.max-body-size=2KB"})
class EventControllerTest {

    static final String KEY = "slice-test-key-0123456789";
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @MockitoBean
    EventService service;

    @BeforeEach
    void storeEverything() {
        when(service.ingest(any())).thenAnswer(call -> {
            List<Event> events = call.getArgument(0);
            return new EventService.Result(events.size(), 0,
                    events.stream().map(e -> new EventService.Outcome(e.generated() ? null : e.eventId(), "stored")).toList(),
                    List.of());
        });
    }

    private static MockHttpServletRequestBuilder events(String json) {
        return post("/events").header("X-API-Key", KEY).contentType(MediaType.APPLICATION_JSON).content(json);
    }

    @Test
    void theFiltersAndTheErrorMappingArePartOfTheSlice() {
        assertThat(context.getBeansOfType(Filter.class)).containsKeys("apiKeyFilter", "requestSizeFilter");
        assertThat(context.getBeansWithAnnotation(RestControllerAdvice.class)).containsKey("errorHandling");
    }

    @Test
    void storesOneEventAndAnswers201() throws Exception {
        mvc.perform(events("{\"eventId\":\"e-1\",\"user\":\"alice\",\"item\":\"i42\",\"type\":\"click\","
                        + "\"timestamp\":\"2026-11-26T10:15:30Z\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.stored").value(1))
                .andExpect(jsonPath("$.duplicates").value(0))
                .andExpect(jsonPath("$.events[0].eventId").value("e-1"))
                .andExpect(jsonPath("$.events[0].status").value("stored"))
                .andExpect(jsonPath("$.notScorable").isEmpty());
        ArgumentCaptor<List<Event>> captor = captor();
        verify(service).ingest(captor.capture());
        assertThat(captor.getValue()).containsExactly(new Event("e-1", false, "alice", "i42", "click",
                Instant.parse("2026-11-26T10:15:30Z")));
    }

    @Test
    void onlyUserAndItemAreRequired() throws Exception {
        mvc.perform(events("[{\"user\":\"alice\",\"item\":\"i1\"},{\"user\":7,\"item\":42}]"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.stored").value(2))
                .andExpect(jsonPath("$.events[0].eventId").doesNotExist());
        ArgumentCaptor<List<Event>> captor = captor();
        verify(service).ingest(captor.capture());
        List<Event> events = captor.getValue();
        assertThat(events).extracting(Event::user, Event::item, Event::type, Event::timestamp, Event::generated)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", "i1", "interaction", NOW, true),
                        org.assertj.core.groups.Tuple.tuple("7", "42", "interaction", NOW, true));
        assertThat(events.get(0).eventId()).isNotEqualTo(events.get(1).eventId());
    }

    @Test
    void allDuplicatesIs200() throws Exception {
        doReturn(new EventService.Result(0, 1, List.of(new EventService.Outcome("e-1", "duplicate")), List.of()))
                .when(service).ingest(any());
        mvc.perform(events("{\"eventId\":\"e-1\",\"user\":\"alice\",\"item\":\"i42\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.duplicates").value(1))
                .andExpect(jsonPath("$.events[0].status").value("duplicate"));
    }

    // ---- API key

    @Test
    void missingKeyIs401WithWwwAuthenticate() throws Exception {
        mvc.perform(post("/events").contentType(MediaType.APPLICATION_JSON).content("{\"user\":\"a\",\"item\":\"b\"}"))
                .andExpect(problem(401))
                .andExpect(header().string("WWW-Authenticate", "ApiKey header=\"X-API-Key\""))
                .andExpect(jsonPath("$.detail").value("missing API key: send it in the X-API-Key header"));
        mvc.perform(post("/events").header("X-API-Key", "").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"user\":\"a\",\"item\":\"b\"}"))
                .andExpect(problem(401));
        verifyNoInteractions(service);
    }

    @Test
    void wrongKeyIs403AndTheKeyIsNotEchoed() throws Exception {
        mvc.perform(post("/events").header("X-API-Key", "not-the-key-0123456789").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"user\":\"a\",\"item\":\"b\"}"))
                .andExpect(problem(403))
                .andExpect(jsonPath("$.detail").value("the API key is not valid"))
                .andExpect(result -> assertThat(result.getResponse().getContentAsString())
                        .doesNotContain("not-the-key", KEY));
        // a prefix of the right key is still wrong
        mvc.perform(post("/events").header("X-API-Key", KEY.substring(0, 10)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"user\":\"a\",\"item\":\"b\"}"))
                .andExpect(problem(403));
        verifyNoInteractions(service);
    }

    @Test
    void optionsNeedsNoKey() throws Exception {
        mvc.perform(options("/events")).andExpect(result -> assertThat(result.getResponse().getStatus()).isNotIn(401, 403));
    }

    // ---- media type and syntax

    @Test
    void textPlainIs415() throws Exception {
        mvc.perform(post("/events").header("X-API-Key", KEY).contentType(MediaType.TEXT_PLAIN)
                        .content("{\"user\":\"a\",\"item\":\"b\"}"))
                .andExpect(problem(415));
        verifyNoInteractions(service);
    }

    @Test
    void malformedJsonIs400WithLineAndColumn() throws Exception {
        mvc.perform(events("{\"user\": \"a\", \"item\": }"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("malformed JSON at line 1, column ")));
        mvc.perform(events("[\n  {\"user\": \"a\",\n   \"item\": x}\n]"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("malformed JSON at line 3, column ")));
        mvc.perform(events("[{\"user\": \"a\", \"item\": \"b\"}"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("malformed JSON")));
        verifyNoInteractions(service);
    }

    @Test
    void emptyBodyIs400() throws Exception {
        mvc.perform(events("")).andExpect(problem(400));
        mvc.perform(events("   ")).andExpect(problem(400));
        verifyNoInteractions(service);
    }

    // ---- fields

    @Test
    void unknownFieldIs400() throws Exception {
        mvc.perform(events("{\"user\":\"a\",\"item\":\"b\",\"rating\":5}"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value(
                        "event: unknown field 'rating' (expected eventId, user, item, type, timestamp)"));
        mvc.perform(events("[{\"user\":\"a\",\"item\":\"b\"},{\"user\":\"a\",\"item\":\"b\",\"User\":\"c\"}]"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value(
                        "events[1]: unknown field 'User' (expected eventId, user, item, type, timestamp)"));
        verifyNoInteractions(service);
    }

    @Test
    void wrongTypesAre400() throws Exception {
        mvc.perform(events("{\"user\":true,\"item\":\"b\"}"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("event.user must be a string or an integer, not a boolean"));
        mvc.perform(events("{\"user\":\"a\",\"item\":{\"id\":1}}"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("event.item must be a string or an integer, not an object"));
        mvc.perform(events("{\"user\":1.5,\"item\":\"b\"}"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("event.user must be a string or an integer, not a number"));
        mvc.perform(events("{\"user\":\"a\",\"item\":\"b\",\"eventId\":[1]}"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("event.eventId must be a string or an integer, not an array"));
        mvc.perform(events("{\"user\":\"a\",\"item\":\"b\",\"timestamp\":true}"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value(
                        "event.timestamp must be an ISO-8601 string or epoch milliseconds, not a boolean"));
        mvc.perform(events("{\"user\":\"a\",\"item\":\"b\",\"type\":7}"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("event.type must be a lower-case word")));
        verifyNoInteractions(service);
    }

    @Test
    void missingUserIs400() throws Exception {
        mvc.perform(events("{\"item\":\"b\"}"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("event: missing required field 'user'"));
        mvc.perform(events("[{\"user\":\"a\",\"item\":\"b\"},{\"user\":null,\"item\":\"b\"}]"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("events[1]: missing required field 'user'"));
        verifyNoInteractions(service);
    }

    @Test
    void blankItemIs400() throws Exception {
        mvc.perform(events("{\"user\":\"a\",\"item\":\" \\t \"}"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("event.item must not be blank"));
        mvc.perform(events("{\"user\":\"a\",\"item\":\"\"}"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("event.item must not be blank"));
        verifyNoInteractions(service);
    }

    @Test
    void arrayOfNonObjectsIs400() throws Exception {
        mvc.perform(events("[1, 2]"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("events[0] must be an object, not a number"));
        mvc.perform(events("[{\"user\":\"a\",\"item\":\"b\"}, \"c\"]"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("events[1] must be an object, not a string"));
        mvc.perform(events("\"hello\""))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value(
                        "the body must be an event object or an array of events, not a string"));
        verifyNoInteractions(service);
    }

    @Test
    void emptyArrayIs400() throws Exception {
        mvc.perform(events("[]"))
                .andExpect(problem(400))
                .andExpect(jsonPath("$.detail").value("the array of events is empty"));
        verifyNoInteractions(service);
    }

    // ---- sizes

    @Test
    void batchOverMaxBatchIs413() throws Exception {
        String five = array(5);
        mvc.perform(events(five)).andExpect(status().isCreated());
        mvc.perform(events(array(6)))
                .andExpect(problem(413))
                .andExpect(jsonPath("$.detail").value("the request holds 6 events; at most 5 are accepted per request"));
    }

    @Test
    void bodyOverMaxBodySizeIs413ByContentLength() throws Exception {
        String body = oversizedBody();
        mvc.perform(events(body))
                .andExpect(problem(413))
                .andExpect(jsonPath("$.detail").value("request body of " + body.getBytes(StandardCharsets.UTF_8).length
                        + " bytes exceeds the limit of 2048 bytes"));
        verifyNoInteractions(service);
    }

    @Test
    void bodyOverMaxBodySizeIs413WhenTheLengthIsUnknown() throws Exception {
        mvc.perform(events(oversizedBody()).with(unknownLength()))
                .andExpect(problem(413))
                .andExpect(jsonPath("$.detail").value("request body exceeds the limit of 2048 bytes"));
        // the same body, small enough, passes the counting stream
        mvc.perform(events(array(2)).with(unknownLength())).andExpect(status().isCreated());
        verify(service).ingest(any());
    }

    // ---- semantics

    @Test
    void futureTimestampIs422() throws Exception {
        mvc.perform(events("{\"user\":\"a\",\"item\":\"b\",\"timestamp\":\"2026-11-26T12:10:00Z\"}"))
                .andExpect(problem(422))
                .andExpect(jsonPath("$.detail").value(
                        "event.timestamp 2026-11-26T12:10:00Z is in the future (server time 2026-11-26T12:00:00Z)"));
        // within the allowed clock skew (5 minutes) it is accepted
        mvc.perform(events("{\"user\":\"a\",\"item\":\"b\",\"timestamp\":\"2026-11-26T12:04:00Z\"}"))
                .andExpect(status().isCreated());
    }

    @Test
    void conflictingDuplicateEventIdIs422() throws Exception {
        doThrow(ApiException.unprocessable("events[1] reuses the eventId of events[0] with different content"))
                .when(service).ingest(any());
        mvc.perform(events("[{\"eventId\":\"e\",\"user\":\"a\",\"item\":\"b\"},{\"eventId\":\"e\",\"user\":\"a\",\"item\":\"c\"}]"))
                .andExpect(problem(422))
                .andExpect(jsonPath("$.detail").value("events[1] reuses the eventId of events[0] with different content"));
    }

    @Test
    void eventStoreDownIs503WithRetryAfter() throws Exception {
        doThrow(ApiException.unavailable("the event store is unavailable; nothing was stored, retry later", 5))
                .when(service).ingest(any());
        mvc.perform(events("{\"user\":\"a\",\"item\":\"b\"}"))
                .andExpect(problem(503))
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.detail").value("the event store is unavailable; nothing was stored, retry later"));
    }

    @Test
    void unknownPathIs404Problem() throws Exception {
        mvc.perform(post("/events/extra").header("X-API-Key", KEY).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(problem(404));
    }

    // ---- helpers

    private static String array(int n) {
        return IntStream.range(0, n).mapToObj(i -> "{\"user\":\"u\",\"item\":\"i" + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** A valid JSON array of more than 2 KB (fewer events than max-batch, so only the size is wrong). */
    private static String oversizedBody() {
        String body = "[{\"user\":\"u\",\"item\":\"" + "x".repeat(250) + "\",\"eventId\":\"" + "y".repeat(120)
                + "\"}" + (",{\"user\":\"u\",\"item\":\"" + "x".repeat(250) + "\"}").repeat(4) + "]";
        String padded = body + " ".repeat(Math.max(0, 2100 - body.length()));
        assertThat(padded.length()).isGreaterThan(2048);
        return padded;
    }

    /** Replaces the request by one whose content length is unknown, as for a chunked body. */
    private static RequestPostProcessor unknownLength() {
        return request -> {
            MockHttpServletRequest chunked = new MockHttpServletRequest(request.getServletContext(), request.getMethod(),
                    request.getRequestURI()) {
                @Override
                public int getContentLength() {
                    return -1;
                }

                @Override
                public long getContentLengthLong() {
                    return -1;
                }
            };
            for (String name : Collections.list(request.getHeaderNames())) {
                if (!name.equalsIgnoreCase("Content-Length")) {
                    for (String value : Collections.list(request.getHeaders(name))) {
                        chunked.addHeader(name, value);
                    }
                }
            }
            chunked.addHeader("Transfer-Encoding", "chunked");
            chunked.setContentType(request.getContentType());
            chunked.setContent(request.getContentAsByteArray());
            return chunked;
        };
    }

    @SuppressWarnings("unchecked")
    private static ArgumentCaptor<List<Event>> captor() {
        return ArgumentCaptor.forClass((Class<List<Event>>) (Class<?>) List.class);
    }
}
