package org.convncf.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile input against the real server (Tomcat, filters, parser, storage, the real model): 10,000
 * seeded random requests — malformed and oversized JSON, wrong types, huge numbers, extreme k,
 * very long and unicode ids, nulls, duplicate keys, batches over the limit, wrong content types,
 * bodies over the size limit, path-traversal-like and broken percent-encoded ids, SQL in every
 * string field — sent as raw HTTP/1.1 so that nothing is normalised on the way. Every answer must be
 * below 500, every error an RFC 7807 body without implementation details, and the SQL must be inert.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class HostileInputFuzzTest {

    static final int CASES = 10_000;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("convncf.model.store", () -> TestModels.store().toString());
        registry.add("convncf.model.name", () -> TestModels.MODEL);
        registry.add("convncf.security.api-key", () -> TestHttp.API_KEY);
        registry.add("spring.datasource.url", TestHttp::freshDatabaseUrl);
        registry.add("convncf.events.max-batch", () -> "50");
        registry.add("convncf.http.max-body-size", () -> "64KB");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private static final String[] SQL = {"'; DROP TABLE events; --", "\" OR \"1\"=\"1", "1; DELETE FROM events",
        "u' UNION SELECT password FROM users --", "%' OR 1=1 --", "\\'; SHUTDOWN; --"};
    private static final String[] ODD_IDS = {"..", "../../etc/passwd", "%2e%2e%2f", "a/b", "a\\b", "", " ", "null",
        "undefined", "💥", "ü", "\u202Eevil", "\u200B", "a;b", "a?b", "a#b", "a b", "CON", "\uFFFF"};
    private static final String[] NUMBERS = {"0", "-1", "1", "200", "201", "2147483648", "-2147483649",
        "99999999999999999999999", "1e3", "1.5", "NaN", "Infinity", "0x10", "", " 10", "10 "};

    @Test
    void tenThousandHostileRequestsGetNoServerErrorAndNoInternals(CapturedOutput log) throws Exception {
        awaitReady();
        SplittableRandom rnd = new SplittableRandom(20261126);
        TreeMap<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            byte[] request = request(rnd, i);
            Answer a;
            try {
                a = send(request);
            } catch (IOException e) {
                throw new AssertionError("case " + i + ": " + e.getMessage() + "\n  request: "
                        + abbreviate(new String(request, StandardCharsets.ISO_8859_1)), e);
            }
            statuses.merge(a.status, 1, Integer::sum);
            String problem = check(a);
            if (problem != null && failures.size() < 20) {
                failures.add("case " + i + ": " + problem + "\n  request: "
                        + new String(request, StandardCharsets.ISO_8859_1).lines().findFirst().orElse("")
                        + "\n  answer: " + a.status + " " + a.contentType + " " + abbreviate(a.body));
            }
        }
        System.out.println("hostile-input statuses over " + CASES + " cases: " + statuses);
        assertThat(failures).as("failed cases").isEmpty();
        assertThat(statuses.keySet()).allMatch(s -> s < 500);
        // The SQL was data: the table is intact and holds it verbatim.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM events", Long.class)).isPositive();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM events WHERE user_id = ?", Long.class, SQL[0])).isPositive();
        // 10,000 requests, about half of them carrying the API key: it never reaches the log.
        assertThat(log.getAll()).doesNotContain(TestHttp.API_KEY);
    }

    /** A random request: mostly variations of the two endpoints, some anything-goes. */
    private byte[] request(SplittableRandom rnd, int i) {
        // Guarantee that the SQL strings are stored at least once each, as valid events.
        if (i < SQL.length) {
            String body = "{\"eventId\":" + q("sql-" + i) + ",\"user\":" + q(SQL[i]) + ",\"item\":" + q(SQL[(i + 1) % SQL.length])
                    + ",\"type\":\"click\"}";
            return http("POST", "/events", "application/json", true, body.getBytes(StandardCharsets.UTF_8));
        }
        return switch (rnd.nextInt(10)) {
            case 0, 1, 2, 3, 4 -> http("POST", "/events", contentType(rnd), rnd.nextInt(20) != 0, eventsBody(rnd));
            case 5, 6, 7, 8 -> http("GET", recommendPath(rnd), null, false, new byte[0]);
            default -> http(pick(rnd, "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"),
                    pick(rnd, "/", "/events", "/recommend", "/recommend/", "/model", "/admin/model/reload", "/actuator/env",
                            "/actuator/heapdump", "/../../etc/passwd", "/recommend/%00", "/v3/api-docs", "/%zz"),
                    contentType(rnd), rnd.nextBoolean(), eventsBody(rnd));
        };
    }

    private static String recommendPath(SplittableRandom rnd) {
        String user = switch (rnd.nextInt(5)) {
            case 0 -> encode(pick(rnd, ODD_IDS));
            case 1 -> encode(pick(rnd, SQL));
            case 2 -> encode("u".repeat(rnd.nextInt(300) + 1));
            case 3 -> pick(rnd, "%zz", "%2F", "%00", "%C3%28", "%E2%82", "..%2F..%2F", "%25", "%", "u%20", "a;b=c");
            default -> "u" + (rnd.nextInt(1100) + 1);
        };
        StringBuilder path = new StringBuilder("/recommend/").append(user);
        List<String> params = new ArrayList<>();
        if (rnd.nextBoolean()) {
            params.add("k=" + encode(pick(rnd, NUMBERS)));
        }
        if (rnd.nextInt(3) == 0) {
            int n = rnd.nextInt(4) == 0 ? 600 : rnd.nextInt(5);
            StringBuilder ex = new StringBuilder();
            for (int j = 0; j < n; j++) {
                ex.append(j == 0 ? "" : ",").append("i").append(rnd.nextInt(500));
            }
            params.add("exclude=" + ex);
        }
        if (rnd.nextInt(4) == 0) {
            params.add("includeSeen=" + encode(pick(rnd, "true", "false", "yes", "1", "", "TRUE", "maybe")));
        }
        if (rnd.nextInt(8) == 0) {
            params.add(encode(pick(rnd, ODD_IDS)) + "=" + encode(pick(rnd, SQL)));
        }
        if (!params.isEmpty()) {
            path.append('?').append(String.join("&", params));
        }
        return path.toString();
    }

    private static byte[] eventsBody(SplittableRandom rnd) {
        int kind = rnd.nextInt(12);
        String body = switch (kind) {
            case 0 -> "";
            case 1 -> "{";
            case 2 -> "[" + "[".repeat(rnd.nextInt(200)) ;
            case 3 -> "{\"user\":\"a\",\"user\":\"b\",\"item\":\"c\"}";
            case 4 -> "x".repeat(rnd.nextInt(100_000));
            case 5 -> "[" + String.join(",", java.util.Collections.nCopies(rnd.nextInt(40, 80), event(rnd))) + "]";
            case 6 -> "{\"user\":" + pick(rnd, "null", "1e999999", "-0", "[]", "{}", "true", "123456789012345678901234567890")
                    + ",\"item\":\"i1\"}";
            case 7 -> "{\"user\":\"u1\",\"item\":\"i1\",\"timestamp\":" + pick(rnd, "\"yesterday\"", "-1", "9999999999999999",
                    "\"2999-01-01T00:00:00Z\"", "\"1969-12-31T23:59:59Z\"", "1.5", "null", "\"2026-11-26T10:00:00\"") + "}";
            case 8 -> "{\"user\":\"" + "\\ud800".repeat(rnd.nextInt(1, 3)) + "\",\"item\":\"i1\"}";
            default -> rnd.nextBoolean() ? event(rnd) : "[" + event(rnd) + "," + event(rnd) + "]";
        };
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (rnd.nextInt(25) == 0 && bytes.length > 2) {
            bytes[rnd.nextInt(bytes.length)] = (byte) (0x80 + rnd.nextInt(0x80)); // invalid UTF-8
        }
        return bytes;
    }

    private static String event(SplittableRandom rnd) {
        List<String> fields = new ArrayList<>();
        if (rnd.nextInt(4) != 0) {
            fields.add("\"eventId\":" + value(rnd, "e" + rnd.nextInt(5000)));
        }
        if (rnd.nextInt(10) != 0) {
            fields.add("\"user\":" + value(rnd, "fuzz-" + rnd.nextInt(200)));
        }
        if (rnd.nextInt(10) != 0) {
            fields.add("\"item\":" + value(rnd, "i" + rnd.nextInt(500)));
        }
        if (rnd.nextInt(3) == 0) {
            fields.add("\"type\":" + value(rnd, pick(rnd, "click", "view", "BUY", "a b", "x".repeat(40))));
        }
        if (rnd.nextInt(3) == 0) {
            fields.add("\"timestamp\":" + pick(rnd, "\"2026-11-26T10:15:30Z\"", "1764150000000", "\"2026-11-26T10:15:30+02:00\""));
        }
        if (rnd.nextInt(15) == 0) {
            fields.add("\"" + pick(rnd, ODD_IDS).replace("\"", "") + "\":1");
        }
        java.util.Collections.shuffle(fields, new java.util.Random(rnd.nextLong()));
        return "{" + String.join(",", fields) + "}";
    }

    /** Usually the plain value; sometimes a hostile one of another type or shape. */
    private static String value(SplittableRandom rnd, String plain) {
        return switch (rnd.nextInt(14)) {
            case 0 -> q(pick(rnd, SQL));
            case 1 -> q(pick(rnd, ODD_IDS));
            case 2 -> q("w".repeat(rnd.nextInt(250, 400)));
            case 3 -> pick(rnd, "null", "true", "[]", "{}", "1.25", "-7", "1e400", "18446744073709551616");
            case 4 -> q(plain + "\\n\\u0000\\t");
            default -> q(plain);
        };
    }

    private static String contentType(SplittableRandom rnd) {
        return rnd.nextInt(8) != 0 ? "application/json"
                : pick(rnd, null, "text/plain", "application/xml", "application/json; charset=latin1",
                        "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "*/*", "application/json;;;");
    }

    private byte[] http(String method, String path, String contentType, boolean key, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\nConnection: close\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (key) {
            head.append("X-API-Key: ").append(TestHttp.API_KEY).append("\r\n");
        }
        if (!method.equals("GET") || body.length > 0) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private record Answer(int status, String contentType, String body) {
    }

    private Answer send(byte[] request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server may close early on an over-large body: read what it answered
            }
            byte[] response = socket.getInputStream().readAllBytes();
            int headEnd = indexOf(response, CRLF_CRLF, 0);
            String head = new String(response, 0, headEnd < 0 ? response.length : headEnd, StandardCharsets.ISO_8859_1);
            String statusLine = head.lines().findFirst().orElse("");
            int status = statusLine.startsWith("HTTP/1.1 ") ? Integer.parseInt(statusLine.substring(9, 12)) : -1;
            String contentType = head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                    .map(l -> l.substring(13).trim()).findFirst().orElse("");
            byte[] body = headEnd < 0 ? new byte[0] : java.util.Arrays.copyOfRange(response, headEnd + 4, response.length);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            return new Answer(status, contentType, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};
    private static final byte[] CRLF = {'\r', '\n'};

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Chunk sizes count bytes, so the body is decoded before it becomes text. */
    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < body.length) {
            int lineEnd = indexOf(body, CRLF, pos);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(new String(body, pos, lineEnd - pos, StandardCharsets.ISO_8859_1).trim().split(";")[0], 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            out.write(body, start, Math.min(size, body.length - start));
            pos = start + size + 2;
        }
        return out.toByteArray();
    }

    /** null if the answer keeps the promises, else what is wrong. */
    private static String check(Answer a) {
        if (a.status < 100) {
            return "no HTTP answer";
        }
        if (a.status >= 500) {
            return "server error";
        }
        if (a.body.contains("Exception") || a.body.contains("java.") || a.body.contains("at org.")
                || a.body.contains("tools.jackson") || a.body.contains("springframework") || a.body.contains("Tomcat")) {
            return "implementation details in the body";
        }
        if (a.status >= 400 && !a.body.isEmpty()) { // HEAD answers have no body
            if (!a.contentType.startsWith("application/problem+json")) {
                return "error without application/problem+json";
            }
            try {
                var node = JSON.readTree(a.body);
                if (node.path("status").asInt() != a.status || node.path("detail").asString("").isBlank()) {
                    return "problem without status or detail";
                }
            } catch (RuntimeException e) {
                return "problem body is not JSON";
            }
        }
        return null;
    }

    private void awaitReady() throws Exception {
        TestHttp http = new TestHttp(port);
        for (int i = 0; i < 300; i++) {
            if (http.get("/actuator/health/readiness").statusCode() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not ready");
    }

    @SafeVarargs
    private static <T> T pick(SplittableRandom rnd, T... options) {
        return options[rnd.nextInt(options.length)];
    }

    private static String q(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
