package dev.mandate.execution.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.catalog.entity.ConnectorDefinition;
import dev.mandate.connector.control.CredentialUnavailableException;
import dev.mandate.connector.control.Credentials;
import dev.mandate.connector.control.SecretRedactor;
import dev.mandate.execution.control.ToolResponse.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one attempt of a tool call, or one status probe, and says how it ended; never throws for what the
 * tool or the network does. The whole attempt (connecting, sending, reading the answer) is bounded by the
 * connector's timeout, the answer by its size limit; redirects are never followed (a credential goes to
 * the configured host only). Every text that leaves here passes the secret redactor.
 */
@ApplicationScoped
public class ToolCalls {

    private static final int MAX_DETAIL_CHARS = 500;
    private static final long MAX_RETRY_AFTER_MILLIS = 300_000;

    @Inject
    Credentials credentials;

    @Inject
    SecretRedactor redactor;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    public ToolResponse call(ConnectorDefinition connector, ToolCall call) {
        HttpRequest request;
        try {
            request = callRequest(connector, call);
        } catch (RequestTemplates.MissingArgumentException
                | CredentialUnavailableException
                | IllegalArgumentException e) {
            return ToolResponse.of(Outcome.FAILED, null, "not sent: " + redactor.redact(e.getMessage()), 0);
        }
        return send(request, connector, call, false);
    }

    /** Asks the tool about the attempts under the call's idempotency key (the connector has a probe). */
    public ToolResponse probe(ConnectorDefinition connector, ToolCall call) {
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(
                            RequestTemplates.url(connector.statusProbe().url(), call)))
                    .method(connector.statusProbe().method(), HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofMillis(connector.timeoutMillis()))
                    .header("Accept", "application/json")
                    .header("Idempotency-Key", call.idempotencyKey());
            traceparent(connector, call, builder);
            authenticate(connector, call, builder);
            request = builder.build();
        } catch (RequestTemplates.MissingArgumentException
                | CredentialUnavailableException
                | IllegalArgumentException e) {
            return ToolResponse.of(Outcome.FAILED, null, "probe not sent: " + redactor.redact(e.getMessage()), 0);
        }
        return send(request, connector, call, true);
    }

    private HttpRequest callRequest(ConnectorDefinition connector, ToolCall call) {
        boolean bodiless = connector.method().equals("GET")
                || (connector.method().equals("DELETE") && connector.bodyTemplate() == null);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(RequestTemplates.url(connector.url(), call)))
                .timeout(Duration.ofMillis(connector.timeoutMillis()))
                .header("Accept", "application/json")
                .header("Idempotency-Key", call.idempotencyKey());
        if (bodiless) {
            builder.method(connector.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(
                            connector.method(),
                            HttpRequest.BodyPublishers.ofString(RequestTemplates.body(connector.bodyTemplate(), call)));
        }
        if (connector.headers() != null) {
            for (Map.Entry<String, String> header : connector.headers().entrySet()) {
                builder.header(header.getKey(), RequestTemplates.header(header.getValue(), call));
            }
        }
        traceparent(connector, call, builder);
        authenticate(connector, call, builder);
        return builder.build();
    }

    /** The envelope's trace goes on to the tool, unless the connector sets a traceparent of its own. */
    private static void traceparent(ConnectorDefinition connector, ToolCall call, HttpRequest.Builder builder) {
        if (call.traceparent() == null) {
            return;
        }
        if (connector.headers() != null
                && connector.headers().keySet().stream().anyMatch(name -> name.equalsIgnoreCase("traceparent"))) {
            return;
        }
        builder.header("traceparent", call.traceparent());
    }

    private void authenticate(ConnectorDefinition connector, ToolCall call, HttpRequest.Builder builder) {
        if (connector.credential() != null) {
            credentials.apply(call.tenant(), connector.credential(), call.agentId(), call.onBehalfOf(), builder);
        }
    }

    private ToolResponse send(HttpRequest request, ConnectorDefinition connector, ToolCall call, boolean probe) {
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<LimitedBody.Read>> answer =
                client.sendAsync(request, LimitedBody.upTo(connector.maxResultBytes()));
        try {
            HttpResponse<LimitedBody.Read> response = answer.get(connector.timeoutMillis(), TimeUnit.MILLISECONDS);
            return read(response, connector, call, probe, millisSince(started));
        } catch (TimeoutException slow) {
            answer.cancel(true);
            return ToolResponse.of(
                    Outcome.UNKNOWN,
                    null,
                    "no complete answer within " + connector.timeoutMillis() + " ms",
                    millisSince(started));
        } catch (InterruptedException interrupted) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return ToolResponse.of(
                    Outcome.UNKNOWN, null, "interrupted while waiting for the tool", millisSince(started));
        } catch (ExecutionException | CancellationException failed) {
            return failure(failed.getCause() == null ? failed : failed.getCause(), connector, millisSince(started));
        }
    }

    private ToolResponse failure(Throwable cause, ConnectorDefinition connector, long millis) {
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return ToolResponse.of(Outcome.NOT_SENT, null, "could not connect: " + describe(cause), millis);
        }
        if (cause instanceof HttpTimeoutException) {
            return ToolResponse.of(
                    Outcome.UNKNOWN, null, "no answer within " + connector.timeoutMillis() + " ms", millis);
        }
        if (cause instanceof IOException) {
            return ToolResponse.of(
                    Outcome.UNKNOWN, null, "connection failed after sending: " + describe(cause), millis);
        }
        return ToolResponse.of(
                Outcome.UNKNOWN, null, "the call failed: " + cause.getClass().getSimpleName(), millis);
    }

    private ToolResponse read(
            HttpResponse<LimitedBody.Read> response,
            ConnectorDefinition connector,
            ToolCall call,
            boolean probe,
            long millis) {
        int status = response.statusCode();
        LimitedBody.Read body = response.body();
        if (status == 401 && connector.credential() != null) {
            credentials.invalidate(call.tenant(), connector.credential(), call.agentId(), call.onBehalfOf());
        }
        if (status >= 200 && status < 300) {
            return succeeded(status, body, connector, millis);
        }
        String detail = "HTTP " + status + (body.text().isEmpty() ? "" : ": " + shortened(body.text()));
        if (probe && status == 404) {
            return ToolResponse.of(Outcome.NOT_APPLIED, status, redactor.redact(detail), millis);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new ToolResponse(
                    Outcome.RETRYABLE, status, null, false, redactor.redact(detail), millis, retryAfter(response));
        }
        return ToolResponse.of(Outcome.FAILED, status, redactor.redact(detail), millis);
    }

    private ToolResponse succeeded(int status, LimitedBody.Read body, ConnectorDefinition connector, long millis) {
        if (body.truncated()) {
            return new ToolResponse(
                    Outcome.SUCCEEDED,
                    status,
                    null,
                    true,
                    "the answer exceeded " + connector.maxResultBytes() + " bytes and was not kept",
                    millis,
                    0);
        }
        if (body.text().isBlank()) {
            return ToolResponse.of(Outcome.SUCCEEDED, status, null, millis);
        }
        try {
            JsonValue answer = JSON.createReader(new StringReader(body.text())).readValue();
            String pointer = connector.resultPointer();
            JsonValue result = pointer == null || pointer.isEmpty()
                    ? answer
                    : JSON.createPointer(pointer).getValue((JsonStructure) answer);
            return new ToolResponse(
                    Outcome.SUCCEEDED, status, redactor.redact(result.toString()), false, null, millis, 0);
        } catch (JsonException | ClassCastException unreadable) {
            return ToolResponse.of(
                    Outcome.SUCCEEDED, status, "the answer is not JSON with a value at the result pointer", millis);
        }
    }

    private static long retryAfter(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Retry-After")
                .filter(value -> value.matches("\\d{1,6}"))
                .map(seconds -> Math.min(Long.parseLong(seconds) * 1000, MAX_RETRY_AFTER_MILLIS))
                .orElse(0L);
    }

    private static String shortened(String text) {
        String oneLine = text.replaceAll("[\\x00-\\x1f]", " ");
        return oneLine.length() <= MAX_DETAIL_CHARS ? oneLine : oneLine.substring(0, MAX_DETAIL_CHARS) + "…";
    }

    // exception messages of the HTTP stack name hosts and ports, never headers: still, only the kind is kept
    private static String describe(Throwable cause) {
        return cause.getClass().getSimpleName();
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
