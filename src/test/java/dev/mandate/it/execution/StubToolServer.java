package dev.mandate.it.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A local HTTP server playing the tools Mandate executes against: each tool applies an effect once per
 * {@code Idempotency-Key} and can be asked by key afterwards, and a test can make it slow, failing,
 * dropping the connection after the effect, answering huge or broken bodies, or ignoring keys (see
 * {@link StubTool}). Every request is recorded. Also an OAuth 2.0 token endpoint ({@link #oauth()}).
 *
 * <ul>
 *   <li>{@code POST|PUT|PATCH|DELETE /tools/{name}/...}: applies an effect; answers {@code {"effectId",
 *       "key", "received"}}, 201 the first time, 200 (the same body) for the key's later attempts
 *   <li>{@code GET /tools/{name}/by-key/{key}}: the status probe: 200 with the key's answer, 404 when
 *       nothing was applied under it, 501 from a tool that ignores keys
 *   <li>{@code GET /tools/{name}/...}: a read: answers {@code {"tool", "path", "query", "read"}}
 *   <li>{@code POST /oauth/token}: client credentials grant
 * </ul>
 *
 * Listens on a free port of 127.0.0.1; {@link #close()} stops it.
 */
public final class StubToolServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ACTIONS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String TOOLS = "/tools/";
    private static final String BY_KEY = "by-key";
    private static final int CHUNK = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService workers;
    private final Map<String, StubTool> tools = new ConcurrentHashMap<>();
    private final AtomicInteger effectIds = new AtomicInteger();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final StubTokenEndpoint oauth = new StubTokenEndpoint();

    private StubToolServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /** Starts a server on a free port of 127.0.0.1. */
    public static StubToolServer start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // one thread per request: a hanging tool must not hold up the others
        ExecutorService workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "stub-tool");
            thread.setDaemon(true);
            return thread;
        });
        StubToolServer stub = new StubToolServer(server, workers);
        server.createContext("/", stub::serve);
        server.setExecutor(workers);
        server.start();
        return stub;
    }

    /** {@code http://127.0.0.1:<port>} */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The base URL of one tool's paths: {@code <baseUrl>/tools/<name>}. */
    public String toolUrl(String name) {
        return baseUrl() + TOOLS + name;
    }

    /** The token endpoint's URL. */
    public String tokenUrl() {
        return baseUrl() + "/oauth/token";
    }

    /** The tool of that name, created on first use (a tool also exists once a request named it). */
    public StubTool tool(String name) {
        return tools.computeIfAbsent(name, n -> new StubTool(n, effectIds));
    }

    public StubTokenEndpoint oauth() {
        return oauth;
    }

    /** Every request received, in order of arrival. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests to one tool's paths, probes included. */
    public List<RecordedRequest> requests(String tool) {
        String prefix = TOOLS + tool + "/";
        return requests.stream()
                .filter(r -> r.path().startsWith(prefix) || r.path().equals(TOOLS + tool))
                .toList();
    }

    /** Effects applied under this idempotency key, over all tools. */
    public int effects(String key) {
        return tools.values().stream().mapToInt(t -> t.effects(key)).sum();
    }

    public int totalEffects() {
        return tools.values().stream().mapToInt(StubTool::totalEffects).sum();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow(); // ends hanging answers
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            RecordedRequest request = record(exchange);
            String path = request.path();
            if (path.equals("/oauth/token")) {
                StubTokenEndpoint.Answer answer = oauth.handle(request);
                sendJson(exchange, answer.status(), JSON.writeValueAsBytes(answer.body()));
            } else if (path.startsWith(TOOLS) && path.length() > TOOLS.length()) {
                serveTool(exchange, request);
            } else {
                sendJson(exchange, 404, problem("no such path"));
            }
        }
    }

    private void serveTool(HttpExchange exchange, RecordedRequest request) throws IOException {
        List<String> segments =
                Arrays.asList(request.path().substring(TOOLS.length()).split("/", -1));
        StubTool tool = tool(segments.get(0));
        pause(tool.delay());
        if (!tool.authorizes(request)) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
            sendJson(exchange, 401, problem("missing or wrong credential"));
            return;
        }
        boolean probe = segments.size() == 3
                && segments.get(1).equals(BY_KEY)
                && !segments.get(2).isEmpty();
        if (probe && request.method().equals("GET")) {
            probe(exchange, tool, URLDecoder.decode(segments.get(2), StandardCharsets.UTF_8));
            return;
        }
        int failure = tool.takeFailure();
        if (failure != 0) {
            if (failure == 429 || failure == 503) {
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            sendJson(exchange, failure, problem("failing on purpose"));
        } else if (request.method().equals("GET")) {
            tool.countRead();
            answer(exchange, tool, 200, readAnswer(tool, request));
        } else if (ACTIONS.contains(request.method())) {
            act(exchange, tool, request);
        } else {
            sendJson(exchange, 405, problem("method not allowed"));
        }
    }

    private void probe(HttpExchange exchange, StubTool tool, String key) throws IOException {
        int failure = tool.takeProbeFailure();
        if (failure != 0) {
            sendJson(exchange, failure, problem("failing on purpose"));
        } else if (!tool.honoursKeys()) {
            sendJson(exchange, 501, problem("this tool keeps no idempotency keys"));
        } else {
            StubTool.StoredAnswer stored = tool.answerFor(key);
            if (stored == null) {
                sendJson(exchange, 404, problem("nothing applied under this key"));
            } else {
                sendJson(exchange, 200, stored.body());
            }
        }
    }

    private void act(HttpExchange exchange, StubTool tool, RecordedRequest request) throws IOException {
        Object received = parsed(request.body());
        StubTool.Applied applied = tool.apply(request.idempotencyKey(), (effectId, key) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("effectId", effectId);
            body.put("key", key);
            body.put("received", received);
            return json(body);
        });
        // an exchange closed before its answer began closes the connection: the caller sees it cut
        switch (tool.takeAftermath()) {
            case DROP -> {}
            case HANG -> pause(tool.hang());
            case ANSWER ->
                answer(
                        exchange,
                        tool,
                        applied.replayed() ? 200 : 201,
                        applied.answer().body());
        }
    }

    private static byte[] readAnswer(StubTool tool, RecordedRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tool", tool.name());
        body.put("path", request.path());
        body.put("query", query(request.query()));
        body.put("read", tool.reads());
        return json(body);
    }

    /** The normal answer, or what the tool was told to answer instead. */
    private static void answer(HttpExchange exchange, StubTool tool, int status, byte[] normal) throws IOException {
        int huge = tool.hugeBodyBytes();
        if (tool.answersInvalidJson()) {
            sendJson(exchange, status, "{\"effectId\": oops".getBytes(StandardCharsets.UTF_8));
        } else if (huge > 0) {
            sendHuge(exchange, status, huge);
        } else {
            sendJson(exchange, status, normal);
        }
    }

    /** A JSON object of exactly {@code bytes} bytes (at least 14): {@code {"padding":"xxx..."}}. */
    private static void sendHuge(HttpExchange exchange, int status, int bytes) throws IOException {
        byte[] head = "{\"padding\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\"}".getBytes(StandardCharsets.US_ASCII);
        int padding = Math.max(0, bytes - head.length - tail.length);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, (long) head.length + padding + tail.length);
        OutputStream out = exchange.getResponseBody();
        out.write(head);
        byte[] chunk = new byte[CHUNK];
        Arrays.fill(chunk, (byte) 'x');
        for (int left = padding; left > 0; left -= CHUNK) {
            out.write(chunk, 0, Math.min(left, CHUNK));
        }
        out.write(tail);
    }

    private RecordedRequest record(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = exchange.getRequestHeaders().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(
                        e -> e.getKey().toLowerCase(Locale.ROOT), e -> List.copyOf(e.getValue()), (a, b) -> a));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        RecordedRequest request = new RecordedRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                headers,
                body);
        requests.add(request);
        return request;
    }

    /** The body as JSON where it is JSON, else as the text it is; null for none. */
    private static Object parsed(String body) {
        if (body.isBlank()) {
            return null;
        }
        try {
            return JSON.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            return body;
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(decode(parts[0]), parts.length == 2 ? decode(parts[1]) : "");
            }
        }
        return query;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static byte[] problem(String detail) {
        return json(Map.of("detail", detail));
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sendJson(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    private static void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
