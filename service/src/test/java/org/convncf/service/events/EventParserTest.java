package org.convncf.service.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.convncf.service.system.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

/** The body of {@code POST /events}: every edge the README promises, and a precise message for each. */
class EventParserTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final EventParser parser = new EventParser(
            new EventProperties(1000, 256, Duration.ofMinutes(5), 200, Duration.ofSeconds(5), 1000),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private List<Event> parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private Event one(String json) {
        List<Event> events = parse(json);
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refused(String json, HttpStatus status) {
        return assertThatThrownBy(() -> parse(json)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(status))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Exception", "java.", "at org.", "tools.jackson",
                        "Source:", "`", "JsonToken", "StreamReadConstraints", "JsonNode"));
    }

    // ---- ids

    @Test
    void integerIdsBecomeStrings() {
        Event e = one("{\"eventId\": 9007199254740993, \"user\": 42, \"item\": -7}");
        assertThat(e.user()).isEqualTo("42");
        assertThat(e.item()).isEqualTo("-7");
        assertThat(e.eventId()).isEqualTo("9007199254740993");
        assertThat(e.generated()).isFalse();
    }

    @Test
    void integersBeyondLongAreRefused() {
        refused("{\"user\": 92233720368547758070, \"item\": 1}", HttpStatus.BAD_REQUEST)
                .hasMessage("event.user must be a string or an integer, not a number");
    }

    @Test
    void fractionalIdsAreRefused() {
        refused("{\"user\": 1.0, \"item\": 1}", HttpStatus.BAD_REQUEST)
                .hasMessage("event.user must be a string or an integer, not a number");
    }

    @Test
    void missingEventIdIsGeneratedAndUnique() {
        List<Event> events = parse("[{\"user\":\"a\",\"item\":\"b\"},{\"user\":\"a\",\"item\":\"b\"}]");
        assertThat(events).allSatisfy(e -> assertThat(e.generated()).isTrue());
        assertThat(events.get(0).eventId()).isNotEqualTo(events.get(1).eventId());
        assertThat(events.get(0).type()).isEqualTo("interaction");
        assertThat(events.get(0).timestamp()).isEqualTo(NOW);
    }

    @Test
    void nullOptionalFieldsAreDefaults() {
        Event e = one("{\"user\":\"a\",\"item\":\"b\",\"eventId\":null,\"type\":null,\"timestamp\":null}");
        assertThat(e.generated()).isTrue();
        assertThat(e.type()).isEqualTo("interaction");
        assertThat(e.timestamp()).isEqualTo(NOW);
    }

    @Test
    void idLengthIsCountedInUtf16UnitsAsTheEmbeddedStoreDoes() {
        String emoji = "\uD83D\uDE00"; // one code point, two UTF-16 units
        assertThat(one("{\"user\":\"" + "u".repeat(256) + "\",\"item\":\"b\"}").user()).hasSize(256);
        assertThat(one("{\"user\":\"" + emoji.repeat(128) + "\",\"item\":\"b\"}").user()).hasSize(256);
        refused("{\"user\":\"" + emoji.repeat(129) + "\",\"item\":\"b\"}", HttpStatus.BAD_REQUEST)
                .hasMessage("event.user is 258 characters long; at most 256 are allowed");
        refused("{\"user\":\"" + "u".repeat(257) + "\",\"item\":\"b\"}", HttpStatus.BAD_REQUEST)
                .hasMessage("event.user is 257 characters long; at most 256 are allowed");
        // eventId is limited to its column width of 128
        assertThat(one("{\"eventId\":\"" + "e".repeat(128) + "\",\"user\":\"a\",\"item\":\"b\"}").eventId()).hasSize(128);
        refused("{\"eventId\":\"" + "e".repeat(129) + "\",\"user\":\"a\",\"item\":\"b\"}", HttpStatus.BAD_REQUEST)
                .hasMessage("event.eventId is 129 characters long; at most 128 are allowed");
        refused("{\"eventId\":\"" + emoji.repeat(65) + "\",\"user\":\"a\",\"item\":\"b\"}", HttpStatus.BAD_REQUEST)
                .hasMessage("event.eventId is 130 characters long; at most 128 are allowed");
    }

    @Test
    void controlCharactersInIdsAreRefused() {
        refused("{\"user\":\"a\\u0000b\",\"item\":\"b\"}", HttpStatus.BAD_REQUEST)
                .hasMessage("event.user contains a control character or broken unicode at position 1");
        refused("{\"user\":\"a\",\"item\":\"b\\n\"}", HttpStatus.BAD_REQUEST)
                .hasMessage("event.item contains a control character or broken unicode at position 1");
        refused("{\"user\":\"a\",\"item\":\"b\\u0085\"}", HttpStatus.BAD_REQUEST)
                .hasMessage("event.item contains a control character or broken unicode at position 1");
    }

    // ---- unicode

    @Test
    void surrogatePairsAreAccepted() {
        // escaped and raw (UTF-8) forms of U+1F600
        assertThat(one("{\"user\":\"\\uD83D\\uDE00x\",\"item\":\"b\"}").user()).isEqualTo("\uD83D\uDE00x");
        assertThat(one("{\"user\":\"caf\u00e9 \uD83D\uDE00\",\"item\":\"b\"}").user()).isEqualTo("caf\u00e9 \uD83D\uDE00");
    }

    @Test
    void loneSurrogatesAreRefused() {
        refused("{\"user\":\"a\\uD83D\",\"item\":\"b\"}", HttpStatus.BAD_REQUEST)
                .hasMessage("event.user contains a control character or broken unicode at position 1");
        refused("{\"user\":\"a\",\"item\":\"\\uDE00b\"}", HttpStatus.BAD_REQUEST)
                .hasMessage("event.item contains a control character or broken unicode at position 0");
        // reversed pair: low then high
        refused("{\"user\":\"\\uDE00\\uD83D\",\"item\":\"b\"}", HttpStatus.BAD_REQUEST)
                .hasMessageStartingWith("event.user contains a control character or broken unicode");
    }

    @Test
    void invalidUtf8IsMalformedJson() {
        byte[] body = "{\"user\":\"a\",\"item\":\"b\"}".getBytes(StandardCharsets.UTF_8);
        body[10] = (byte) 0xC3; // a lead byte followed by an ASCII byte
        assertThatThrownBy(() -> parser.parse(body)).isInstanceOf(ApiException.class)
                .hasMessageStartingWith("malformed JSON");
    }

    // ---- type

    @ParameterizedTest
    @ValueSource(strings = {"click", "a", "add_to_cart", "view.detail", "purchase-2", "0"})
    void typesMatchingThePatternAreAccepted(String type) {
        assertThat(one("{\"user\":\"a\",\"item\":\"b\",\"type\":\"" + type + "\"}").type()).isEqualTo(type);
    }

    @Test
    void typeOfExactly32CharactersIsAccepted() {
        String type = "a".repeat(32);
        assertThat(one("{\"user\":\"a\",\"item\":\"b\",\"type\":\"" + type + "\"}").type()).isEqualTo(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Click", "", "_click", "-x", "cl ick", "click!", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "\u00e9"})
    void typesNotMatchingThePatternAreRefused(String type) {
        refused("{\"user\":\"a\",\"item\":\"b\",\"type\":\"" + type + "\"}", HttpStatus.BAD_REQUEST)
                .hasMessage("event.type must be a lower-case word of at most 32 characters (letters, digits, '_', '.',"
                        + " '-'), e.g. \"click\"");
    }

    // ---- timestamps

    @Test
    void isoTimestampsWithAnOffset() {
        assertThat(one("{\"user\":\"a\",\"item\":\"b\",\"timestamp\":\"2026-11-26T10:15:30Z\"}").timestamp())
                .isEqualTo(Instant.parse("2026-11-26T10:15:30Z"));
        assertThat(one("{\"user\":\"a\",\"item\":\"b\",\"timestamp\":\"2026-11-26T12:15:30.250+02:00\"}").timestamp())
                .isEqualTo(Instant.parse("2026-11-26T10:15:30.250Z"));
    }

    @Test
    void isoTimestampsWithoutAnOffsetAreRefused() {
        refused("{\"user\":\"a\",\"item\":\"b\",\"timestamp\":\"2026-11-26T10:15:30\"}", HttpStatus.BAD_REQUEST)
                .hasMessage("event.timestamp must be an ISO-8601 date-time with an offset (e.g. \"2026-11-26T10:15:30Z\")"
                        + " or epoch milliseconds");
        refused("{\"user\":\"a\",\"item\":\"b\",\"timestamp\":\"yesterday\"}", HttpStatus.BAD_REQUEST)
                .hasMessageStartingWith("event.timestamp must be an ISO-8601 date-time");
        // epoch milliseconds as a string are not accepted either
        refused("{\"user\":\"a\",\"item\":\"b\",\"timestamp\":\"1700000000000\"}", HttpStatus.BAD_REQUEST)
                .hasMessageStartingWith("event.timestamp must be an ISO-8601 date-time");
    }

    @Test
    void epochMillisecondTimestamps() {
        assertThat(one("{\"user\":\"a\",\"item\":\"b\",\"timestamp\":1700000000123}").timestamp())
                .isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(one("{\"user\":\"a\",\"item\":\"b\",\"timestamp\":0}").timestamp()).isEqualTo(Instant.EPOCH);
        refused("{\"user\":\"a\",\"item\":\"b\",\"timestamp\":-1}", HttpStatus.UNPROCESSABLE_CONTENT)
                .hasMessage("event.timestamp -1 is outside the years 1970..9999");
        refused("{\"user\":\"a\",\"item\":\"b\",\"timestamp\":1700000000.5}", HttpStatus.BAD_REQUEST)
                .hasMessage("event.timestamp must be an ISO-8601 string or epoch milliseconds, not a number");
    }

    @Test
    void timestampsBefore1970AreUnprocessable() {
        refused("{\"user\":\"a\",\"item\":\"b\",\"timestamp\":\"1969-12-31T23:59:59Z\"}", HttpStatus.UNPROCESSABLE_CONTENT)
                .hasMessage("event.timestamp 1969-12-31T23:59:59Z is before 1970");
    }

    @Test
    void futureTimestampsBeyondTheSkewAreUnprocessable() {
        assertThat(one("{\"user\":\"a\",\"item\":\"b\",\"timestamp\":\"2026-11-26T12:05:00Z\"}").timestamp())
                .isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        refused("{\"user\":\"a\",\"item\":\"b\",\"timestamp\":\"2026-11-26T12:05:00.001Z\"}", HttpStatus.UNPROCESSABLE_CONTENT)
                .hasMessage("event.timestamp 2026-11-26T12:05:00.001Z is in the future (server time 2026-11-26T12:00:00Z)");
        refused("[{\"user\":\"a\",\"item\":\"b\"},{\"user\":\"a\",\"item\":\"b\",\"timestamp\":" + NOW.plusSeconds(3600)
                .toEpochMilli() + "}]", HttpStatus.UNPROCESSABLE_CONTENT)
                .hasMessageStartingWith("events[1].timestamp 2026-11-26T13:00:00Z is in the future");
    }

    // ---- structure

    @Test
    void duplicateJsonKeysAreRefused() {
        refused("{\"user\":\"a\",\"item\":\"b\",\"user\":\"c\"}", HttpStatus.BAD_REQUEST)
                .hasMessageStartingWith("malformed JSON at line 1, column ")
                .hasMessageContaining("user");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "{\"user\":\"a\",\"item\":\"b\",\"type\":" + "[".repeat(20) + "]".repeat(20) + "}";
        refused(deep, HttpStatus.BAD_REQUEST).hasMessageStartingWith("malformed JSON")
                .hasMessageContaining("nesting depth").hasMessageContaining("maximum allowed (8)");
        String deepArray = "[".repeat(100) + "]".repeat(100);
        refused(deepArray, HttpStatus.BAD_REQUEST).hasMessageStartingWith("malformed JSON");
        // the normal depth (array > object) is far below the limit
        assertThat(parse("[{\"user\":\"a\",\"item\":\"b\"}]")).hasSize(1);
    }

    @Test
    void parserLimitsAreReportedWithoutParserInternals() {
        refused("{\"user\":\"" + "x".repeat(70_000) + "\",\"item\":\"b\"}", HttpStatus.BAD_REQUEST)
                .hasMessage("malformed JSON: String value length (70000) exceeds the maximum allowed (65536)");
        refused("{\"user\":" + "1".repeat(40) + ",\"item\":\"b\"}", HttpStatus.BAD_REQUEST)
                .hasMessage("malformed JSON: Number value length (40) exceeds the maximum allowed (32)");
        refused("{\"user\":NaN,\"item\":\"b\"}", HttpStatus.BAD_REQUEST)
                .hasMessage("malformed JSON at line 1, column 12: Non-standard token 'NaN'");
    }

    @Test
    void trailingContentIsRefused() {
        refused("{\"user\":\"a\",\"item\":\"b\"} {\"user\":\"c\",\"item\":\"d\"}", HttpStatus.BAD_REQUEST)
                .hasMessageStartingWith("malformed JSON");
    }

    @Test
    void scalarsAndEmptyBodiesAreRefused() {
        refused("42", HttpStatus.BAD_REQUEST)
                .hasMessage("the body must be an event object or an array of events, not a number");
        refused("null", HttpStatus.BAD_REQUEST)
                .hasMessage("the body must be an event object or an array of events, not null");
        refused("", HttpStatus.BAD_REQUEST)
                .hasMessage("the request body is empty; send an event object or an array of events");
        refused("  \n ", HttpStatus.BAD_REQUEST)
                .hasMessage("the request body is empty; send an event object or an array of events");
        assertThatThrownBy(() -> parser.parse(null)).isInstanceOf(ApiException.class);
    }

    @Test
    void unknownFieldNamesAreShortenedInTheMessage() {
        String name = "f".repeat(500);
        refused("{\"user\":\"a\",\"item\":\"b\",\"" + name + "\":1}", HttpStatus.BAD_REQUEST)
                .hasMessageStartingWith("event: unknown field 'fff")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(250));
    }

    @Test
    void maxBatchIsEnforced() {
        EventParser small = new EventParser(
                new EventProperties(2, 256, Duration.ofMinutes(5), 200, Duration.ofSeconds(5), 1000),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(small.parse("[{\"user\":\"a\",\"item\":\"b\"},{\"user\":\"a\",\"item\":\"c\"}]"
                .getBytes(StandardCharsets.UTF_8))).hasSize(2);
        assertThatThrownBy(() -> small.parse("[{\"user\":\"a\",\"item\":\"b\"},{\"user\":\"a\",\"item\":\"c\"},{}]"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE))
                .hasMessage("the request holds 3 events; at most 2 are accepted per request");
    }
}
