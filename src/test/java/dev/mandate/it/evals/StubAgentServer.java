package dev.mandate.it.evals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Agents' eval endpoints on a free port of 127.0.0.1: {@code POST /agent/{mode}} takes a case input (whose
 * {@code taskId} is {@code c-<n>}) and answers the envelope that agent version would send. Every version
 * answers the input as it is, but for the cases it gets wrong: those it answers for another invoice. Which
 * cases each mode gets wrong is fixed, so the test knows every figure in advance:
 *
 * <ul>
 *   <li>{@code current}: wrong where n % 20 == 0 (5 %)
 *   <li>{@code noisy}: wrong where n % 20 == 10 (5 %, other cases: as good, differently noisy)
 *   <li>{@code worse}: wrong where n % 20 is 0, 3 or 6; case 7 answers HTTP 500, case 13 answers after 3 s
 *       (beyond Mandate's 2 s timeout)
 *   <li>{@code slow}: as {@code current}, each answer after 25 ms (a run long enough to be stopped)
 * </ul>
 */
final class StubAgentServer implements AutoCloseable {

    static final int TIMES_OUT = 13;
    static final int FAILS = 7;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger slowRequests = new AtomicInteger();

    private StubAgentServer(HttpServer server) {
        this.server = server;
    }

    static StubAgentServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            StubAgentServer stub = new StubAgentServer(server);
            server.createContext("/agent/", stub::serve);
            server.setExecutor(Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "stub-agent");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String mode) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/agent/" + mode;
    }

    /** Whether the version of this mode gets case n wrong (errors included). */
    static boolean wrong(String mode, int n) {
        return switch (mode) {
            case "current", "slow" -> n % 20 == 0;
            case "noisy" -> n % 20 == 10;
            case "worse" -> Set.of(0, 3, 6).contains(n % 20) || n == FAILS || n == TIMES_OUT;
            default -> false;
        };
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String mode = exchange.getRequestURI().getPath().substring("/agent/".length());
        ObjectNode envelope = (ObjectNode) JSON.readTree(exchange.getRequestBody());
        int n = Integer.parseInt(envelope.path("taskId").asText().substring(2));
        if (mode.equals("slow")) {
            slowRequests.incrementAndGet();
            pause(25);
        }
        if (mode.equals("worse") && n == FAILS) {
            answer(exchange, 500, "{\"error\":\"model overloaded\"}");
            return;
        }
        if (mode.equals("worse") && n == TIMES_OUT) {
            pause(3000);
        }
        if (wrong(mode, n)) {
            ((ObjectNode) envelope.path("requestedAction").path("arguments")).put("invoiceId", "INV-WRONG");
        }
        envelope.putObject("modelUsage")
                .put("model", mode)
                .put("calls", 1)
                .put("cost", mode.equals("worse") ? 0.02 : 0.01);
        answer(exchange, 200, JSON.writeValueAsString(envelope));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
