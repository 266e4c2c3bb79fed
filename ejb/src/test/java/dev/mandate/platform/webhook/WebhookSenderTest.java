package dev.mandate.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {

    private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private HttpServer server;
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(Map.of(
                        "id", exchange.getRequestHeaders().getFirst("webhook-id"),
                        "timestamp", exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        "signature", exchange.getRequestHeaders().getFirst("webhook-signature"),
                        "contentType", exchange.getRequestHeaders().getFirst("Content-Type"),
                        "body", body));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.createContext("/moved", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().add("Location", "/ok");
                exchange.sendResponseHeaders(302, -1);
            }
        });
        server.createContext("/busy", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().add("Retry-After", "7");
                exchange.sendResponseHeaders(503, -1);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void sendsTheBodySignedWithTheStandardWebhooksHeaders() {
        WebhookSender.Sent sent = new WebhookSender().send(url("/ok"), KEY, "d-1", "{\"type\":\"webhook.test\"}");

        assertThat(sent.delivered()).isTrue();
        assertThat(sent.httpStatus()).isEqualTo(204);
        assertThat(received).hasSize(1);
        Map<String, String> request = received.get(0);
        assertThat(request)
                .containsEntry("id", "d-1")
                .containsEntry("body", "{\"type\":\"webhook.test\"}")
                .containsEntry("contentType", "application/json");
        assertThat(request.get("signature"))
                .isEqualTo(WebhookSignature.sign(
                        KEY, "d-1", Long.parseLong(request.get("timestamp")), "{\"type\":\"webhook.test\"}"));
    }

    @Test
    void aRedirectIsNotFollowedAndCountsAsAFailure() {
        WebhookSender.Sent sent = new WebhookSender().send(url("/moved"), KEY, "d-2", "{}");

        assertThat(sent.delivered()).isFalse();
        assertThat(sent.error()).isEqualTo("HTTP 302");
        assertThat(received).isEmpty();
    }

    @Test
    void aFailureSaysTheStatusAndWhatRetryAfterAskedFor() {
        WebhookSender.Sent sent = new WebhookSender().send(url("/busy"), KEY, "d-3", "{}");

        assertThat(sent.httpStatus()).isEqualTo(503);
        assertThat(sent.error()).isEqualTo("HTTP 503");
        assertThat(sent.retryAfterMillis()).isEqualTo(7000);
    }

    @Test
    void noAnswerAtAllNamesTheFailureOnly() {
        server.stop(0);

        WebhookSender.Sent sent = new WebhookSender().send(url("/ok"), KEY, "d-4", "{}");

        assertThat(sent.httpStatus()).isNull();
        assertThat(sent.error()).isEqualTo("ConnectException");
    }

    @Test
    void retryAfterIsSecondsBoundedToAnHour() {
        assertThat(WebhookSender.retryAfterMillis("120")).isEqualTo(120_000);
        assertThat(WebhookSender.retryAfterMillis("999999")).isEqualTo(3_600_000);
        assertThat(WebhookSender.retryAfterMillis("Wed, 21 Oct 2015 07:28:00 GMT"))
                .isZero();
        assertThat(WebhookSender.retryAfterMillis("-5")).isZero();
        assertThat(WebhookSender.retryAfterMillis(null)).isZero();
    }
}
