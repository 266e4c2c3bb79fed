package dev.mandate.platform.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends one signed webhook: a JSON {@code POST} with the Standard Webhooks headers ({@code webhook-id},
 * {@code webhook-timestamp}, {@code webhook-signature}). Redirects are not followed (a receiver must not
 * point Mandate elsewhere), connecting may take {@value #CONNECT_SECONDS} s and the whole exchange
 * {@value #REQUEST_SECONDS} s. The answer's body is not read.
 */
@ApplicationScoped
public class WebhookSender {

    static final int CONNECT_SECONDS = 5;
    static final int REQUEST_SECONDS = 10;

    /** A receiver's {@code Retry-After} is honoured up to this long. */
    static final long MAX_RETRY_AFTER_SECONDS = 3600;

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(CONNECT_SECONDS))
            .build();

    /**
     * How a send went.
     *
     * @param httpStatus the receiver's status, null when none came
     * @param error null when delivered (2xx); otherwise short, without the secret or the answer's body
     * @param retryAfterMillis what the receiver's {@code Retry-After} (seconds) asked for, 0 for nothing
     */
    public record Sent(Integer httpStatus, String error, long retryAfterMillis) {
        public boolean delivered() {
            return error == null;
        }
    }

    public Sent send(String url, byte[] key, String id, String body) {
        return send(url, key, id, body, null);
    }

    /** @param traceparent the W3C trace the webhook belongs to (sent as {@code traceparent}), or null */
    public Sent send(String url, byte[] key, String id, String body, String traceparent) {
        long timestamp = Instant.now().getEpochSecond();
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(REQUEST_SECONDS))
                    .header("Content-Type", "application/json")
                    .header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSignature.sign(key, id, timestamp, body));
            if (traceparent != null) {
                builder.header("traceparent", traceparent);
            }
            HttpRequest request =
                    builder.POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Sent(status, null, 0);
            }
            return new Sent(
                    status,
                    "HTTP " + status,
                    retryAfterMillis(
                            response.headers().firstValue("Retry-After").orElse(null)));
        } catch (IOException | IllegalArgumentException failed) {
            return new Sent(null, failed.getClass().getSimpleName(), 0);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new Sent(null, "interrupted", 0);
        }
    }

    /** {@code Retry-After} in seconds, bounded; a date or anything else counts as nothing asked. */
    static long retryAfterMillis(String header) {
        if (header == null || !header.trim().matches("\\d{1,9}")) {
            return 0;
        }
        return Math.min(Long.parseLong(header.trim()), MAX_RETRY_AFTER_SECONDS) * 1000;
    }
}
