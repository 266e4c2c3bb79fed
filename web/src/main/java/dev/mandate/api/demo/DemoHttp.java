package dev.mandate.api.demo;

import dev.mandate.api.problem.Problems;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.Violation;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reading requests and writing answers for the demo's stand-in tools. */
final class DemoHttp {

    static final String JSON_TYPE = "application/json";
    private static final int CHUNK = 64 * 1024;

    /**
     * The longest body a stand-in takes: what the demo's connectors send is far shorter, and every key's
     * answer is kept (tools × keys × this bounds the memory the stand-ins hold).
     */
    static final int MAX_BODY_BYTES = 32 * 1024;

    private DemoHttp() {}

    /** A JSON object of exactly {@code bytes} bytes (at least 14): {@code {"padding":"xxx..."}}. */
    static void sendHuge(HttpServletResponse response, int status, int bytes) throws IOException {
        byte[] head = "{\"padding\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\"}".getBytes(StandardCharsets.US_ASCII);
        int padding = Math.max(0, bytes - head.length - tail.length);
        response.setStatus(status);
        response.setContentType(JSON_TYPE);
        response.setContentLength(head.length + padding + tail.length);
        OutputStream out = response.getOutputStream();
        out.write(head);
        byte[] chunk = new byte[CHUNK];
        Arrays.fill(chunk, (byte) 'x');
        for (int left = padding; left > 0; left -= CHUNK) {
            out.write(chunk, 0, Math.min(left, CHUNK));
        }
        out.write(tail);
    }

    /** The body as text; empty (and 413 answered) when it is longer than {@link #MAX_BODY_BYTES}. */
    static Optional<String> body(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int limit = MAX_BODY_BYTES;
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(limit + 1);
        }
        if (bytes.length > limit) {
            problem(response, ProblemType.PAYLOAD_TOO_LARGE, "The body is longer than " + limit + " bytes.", List.of());
            return Optional.empty();
        }
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }

    static Optional<JsonValue> parse(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return Optional.of(reader.readValue());
        } catch (JsonException e) {
            return Optional.empty();
        }
    }

    /** The path below the servlet, split at '/' and each segment decoded. */
    static List<String> segments(HttpServletRequest request) {
        String raw = request.getRequestURI()
                .substring(request.getContextPath().length()
                        + request.getServletPath().length());
        if (raw.startsWith("/")) {
            raw = raw.substring(1);
        }
        if (raw.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(raw.split("/", -1)).map(DemoHttp::decode).toList();
    }

    static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    static void problem(HttpServletResponse response, ProblemType type, String detail, List<Violation> violations)
            throws IOException {
        JsonObjectBuilder body = Problems.body(type, type.status(), detail);
        if (!violations.isEmpty()) {
            var list = Json.createArrayBuilder();
            violations.forEach(v ->
                    list.add(Json.createObjectBuilder().add("field", v.field()).add("message", v.message())));
            body.add("violations", list);
        }
        write(response, type.status(), Problems.MEDIA_TYPE, body.build().toString());
    }

    static void problem(HttpServletResponse response, ProblemType type, int status, String detail) throws IOException {
        write(
                response,
                status,
                Problems.MEDIA_TYPE,
                Problems.body(type, status, detail).build().toString());
    }

    static void send(HttpServletResponse response, int status, String json) throws IOException {
        write(response, status, JSON_TYPE, json);
    }

    static void write(HttpServletResponse response, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(type);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static void pause(int millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
