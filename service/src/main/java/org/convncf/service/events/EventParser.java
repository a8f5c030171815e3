package org.convncf.service.events;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.convncf.service.system.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses and validates the body of {@code POST /events}: one event object or an array of them,
 * fields {@code eventId?}, {@code user}, {@code item}, {@code type?}, {@code timestamp?}. Every
 * problem is reported precisely (which event, which field, what is wrong) and nothing about the
 * parser leaks into the message.
 */
@Component
class EventParser {

    private static final Set<String> FIELDS = Set.of("eventId", "user", "item", "type", "timestamp");
    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,31}");
    static final String DEFAULT_TYPE = "interaction";

    private final EventProperties properties;
    private final Clock clock;
    private final JsonMapper mapper;

    EventParser(EventProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(8)
                        .maxStringLength(64 * 1024)
                        .maxNumberLength(32)
                        .build())
                .build();
        this.mapper = JsonMapper.builder(factory).build();
    }

    List<Event> parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("the request body is empty; send an event object or an array of events");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("malformed JSON" + location(e) + ": " + clean(e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode()) {
            throw ApiException.badRequest("the request body is empty; send an event object or an array of events");
        }
        Instant now = clock.instant();
        if (root.isObject()) {
            return List.of(event(root, "event", now));
        }
        if (!root.isArray()) {
            throw ApiException.badRequest("the body must be an event object or an array of events, not " + kind(root));
        }
        if (root.isEmpty()) {
            throw ApiException.badRequest("the array of events is empty");
        }
        if (root.size() > properties.maxBatch()) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "the request holds " + root.size()
                    + " events; at most " + properties.maxBatch() + " are accepted per request");
        }
        List<Event> events = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            events.add(event(root.get(i), "events[" + i + "]", now));
        }
        return events;
    }

    private Event event(JsonNode node, String where, Instant now) {
        if (!node.isObject()) {
            throw ApiException.badRequest(where + " must be an object, not " + kind(node));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest(where + ": unknown field '" + shorten(name) + "' (expected eventId, user,"
                        + " item, type, timestamp)");
            }
        }
        String user = id(node, "user", where, true);
        String item = id(node, "item", where, true);
        String eventId = id(node, "eventId", where, false);
        String type = DEFAULT_TYPE;
        JsonNode t = node.get("type");
        if (t != null && !t.isNull()) {
            if (!t.isString() || !TYPE.matcher(t.asString()).matches()) {
                throw ApiException.badRequest(where + ".type must be a lower-case word of at most 32 characters"
                        + " (letters, digits, '_', '.', '-'), e.g. \"click\"");
            }
            type = t.asString();
        }
        Instant timestamp = timestamp(node.get("timestamp"), where, now);
        boolean generated = eventId == null;
        return new Event(generated ? UUID.randomUUID().toString() : eventId, generated, user, item, type, timestamp);
    }

    private String id(JsonNode node, String field, String where, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiException.badRequest(where + ": missing required field '" + field + "'");
            }
            return null;
        }
        String s;
        if (v.isString()) {
            s = v.asString();
        } else if (v.isIntegralNumber() && v.canConvertToLong()) {
            s = Long.toString(v.asLong());
        } else {
            throw ApiException.badRequest(where + "." + field + " must be a string or an integer, not " + kind(v));
        }
        if (s.isBlank()) {
            throw ApiException.badRequest(where + "." + field + " must not be blank");
        }
        // UTF-16 units, not code points: the embedded H2 store sizes VARCHAR columns that way (an id of 128
        // emoji does not fit VARCHAR(128) there), and PostgreSQL, counting code points, accepts whatever fits.
        int length = s.length();
        int max = field.equals("eventId") ? Math.min(128, properties.maxIdLength()) : properties.maxIdLength();
        if (length > max) {
            throw ApiException.badRequest(where + "." + field + " is " + length + " characters long; at most " + max
                    + " are allowed");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !validSurrogate(s, i)) {
                throw ApiException.badRequest(where + "." + field + " contains a control character or broken unicode"
                        + " at position " + i);
            }
        }
        return s;
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private Instant timestamp(JsonNode v, String where, Instant now) {
        if (v == null || v.isNull()) {
            return now;
        }
        Instant t;
        if (v.isString()) {
            try {
                t = java.time.OffsetDateTime.parse(v.asString()).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest(where + ".timestamp must be an ISO-8601 date-time with an offset"
                        + " (e.g. \"2026-11-26T10:15:30Z\") or epoch milliseconds");
            }
        } else if (v.isIntegralNumber() && v.canConvertToLong()) {
            long millis = v.asLong();
            if (millis < 0 || millis > 253_402_300_799_999L) {
                throw ApiException.unprocessable(where + ".timestamp " + millis + " is outside the years 1970..9999");
            }
            t = Instant.ofEpochMilli(millis);
        } else {
            throw ApiException.badRequest(where + ".timestamp must be an ISO-8601 string or epoch milliseconds, not "
                    + kind(v));
        }
        if (t.isBefore(Instant.EPOCH)) {
            throw ApiException.unprocessable(where + ".timestamp " + t + " is before 1970");
        }
        if (t.isAfter(now.plus(properties.maxFutureSkew()))) {
            throw ApiException.unprocessable(where + ".timestamp " + t + " is in the future (server time " + now + ")");
        }
        return t;
    }

    private static String kind(JsonNode node) {
        if (node.isString()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return node.isNull() ? "null" : "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String location(JacksonException e) {
        var loc = e.getLocation();
        return loc == null || loc.getLineNr() < 0 ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    /** The parser's own description, first line only, without source excerpts. */
    private static String clean(String message) {
        if (message == null) {
            return "unreadable";
        }
        String first = message.lines().findFirst().orElse("");
        // Jackson names its own types in back-quotes ("(bound as `tools.jackson.databind.JsonNode`)",
        // "from `StreamReadConstraints.getMaxNestingDepth()`", "enable `JsonReadFeature.X`"): drop them.
        return shorten(first.replaceAll("\\bat \\[Source.*$", "")
                .replaceAll(", from `[^`]*`\\)", ")")
                .replaceAll("\\s*\\([^()]*`[^()]*\\)", "")
                .replaceAll(":[^:]*`[^:]*$", "")
                .trim());
    }

    private static String shorten(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
