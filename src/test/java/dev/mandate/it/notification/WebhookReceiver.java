package dev.mandate.it.notification;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mandate.it.execution.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A local HTTP server playing the systems webhooks are sent to (a Slack bridge, a portal): it records every
 * request and answers 204, or fails a path's next requests with a status a test chose ({@link #failNext}); a
 * 503 asks to be called again in {@value #RETRY_AFTER_SECONDS} s.
 * Listens on a free port of 127.0.0.1; {@link #close()} stops it.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** What a 503 asks for: longer than any test waits for a second attempt. */
    static final long RETRY_AFTER_SECONDS = 30;

    private record Failing(int remaining, int status) {}

    private final HttpServer server;
    private final ExecutorService workers;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Failing> failing = new ConcurrentHashMap<>();

    private WebhookReceiver(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    public static WebhookReceiver start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ExecutorService workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "webhook-receiver");
            thread.setDaemon(true);
            return thread;
        });
        WebhookReceiver receiver = new WebhookReceiver(server, workers);
        server.createContext("/", receiver::serve);
        server.setExecutor(workers);
        server.start();
        return receiver;
    }

    /** {@code http://127.0.0.1:<port><path>} */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The path's next {@code count} requests are answered {@code status} (Integer.MAX_VALUE: all of them). */
    void failNext(String path, int count, int status) {
        failing.put(path, new Failing(count, status));
    }

    /** The path answers 204 again. */
    void heal(String path) {
        failing.remove(path);
    }

    /** The requests to one path, in order of arrival. */
    public List<RecordedRequest> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toUnmodifiableMap(
                            e -> e.getKey().toLowerCase(Locale.ROOT), e -> List.copyOf(e.getValue()), (a, b) -> a));
            String path = exchange.getRequestURI().getRawPath();
            requests.add(new RecordedRequest(
                    exchange.getRequestMethod(),
                    path,
                    exchange.getRequestURI().getRawQuery(),
                    headers,
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Failing failure = failing.computeIfPresent(
                    path, (p, f) -> f.remaining() > 0 ? new Failing(f.remaining() - 1, f.status()) : null);
            int status = failure != null ? failure.status() : 204;
            if (status == 503) {
                exchange.getResponseHeaders().add("Retry-After", Long.toString(RETRY_AFTER_SECONDS));
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }
}
