package dev.mandate.execution.control;

import static dev.mandate.platform.json.SharedJson.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mandate.catalog.entity.ConnectorDefinition;
import dev.mandate.connector.control.Credentials;
import dev.mandate.connector.control.SecretRedactor;
import dev.mandate.execution.control.ToolResponse.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One attempt against a local HTTP server, for each way a tool can answer (or not). */
class ToolCallsTest {

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile Answer answer = new Answer(200, "{\"data\":{\"id\":7}}", 0, Map.of());
    private ToolCalls calls;

    private record Answer(int status, String body, long delayMillis, Map<String, String> headers) {}

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
        calls = new ToolCalls();
        calls.credentials = new Credentials();
        calls.redactor = new SecretRedactor();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery())
                + " key=" + exchange.getRequestHeaders().getFirst("Idempotency-Key")
                + " traceparent=" + exchange.getRequestHeaders().getFirst("traceparent")
                + " body=" + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Answer now = answer;
        try {
            Thread.sleep(now.delayMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        now.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] body = now.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(now.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException clientGone) {
            // the client stopped reading (size limit, timeout)
        }
    }

    private ConnectorDefinition connector(
            String method, String path, String bodyTemplate, int timeoutMillis, int maxBytes) {
        return new ConnectorDefinition(
                method,
                "http://127.0.0.1:" + server.getAddress().getPort() + path,
                Map.of("X-Source", "mandate {envelopeId}"),
                bodyTemplate,
                null,
                "/data",
                maxBytes,
                timeoutMillis,
                false,
                1,
                new ConnectorDefinition.StatusProbe(
                        "GET", "http://127.0.0.1:" + server.getAddress().getPort() + "/by-key/{idempotencyKey}"),
                1000,
                0,
                BigDecimal.ONE,
                4);
    }

    private static ToolCall call() {
        return new ToolCall(
                "t1",
                "a1",
                null,
                "env-1",
                "mandate-env-1",
                JSON.createObjectBuilder()
                        .add("vendor", "ACME/../admin?x=1")
                        .add("amount", 12.5)
                        .build(),
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    @Test
    void aSuccessReadsTheResultAtItsPointerAndSendsTheKeyAndTheFilledTemplates() {
        ToolResponse r = calls.call(
                connector("POST", "/pay/{/vendor}", "{\"sum\":\"{/amount}\",\"note\":\"for {/vendor}\"}", 2000, 1000),
                call());

        assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(r.httpStatus()).isEqualTo(200);
        assertThat(r.resultJson()).isEqualTo("{\"id\":7}");
        assertThat(seen)
                .singleElement()
                .asString()
                .startsWith("POST /pay/ACME%2F..%2Fadmin%3Fx%3D1 key=mandate-env-1"
                        + " traceparent=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .endsWith("body={\"sum\":12.5,\"note\":\"for ACME/../admin?x=1\"}");
    }

    @Test
    void withoutATemplateTheArgumentsAreTheBodyAndAGetSendsNone() {
        calls.call(connector("PUT", "/p", null, 2000, 1000), call());
        calls.call(connector("GET", "/g?v={/vendor}", null, 2000, 1000), call());

        assertThat(seen.get(0)).endsWith("body={\"vendor\":\"ACME/../admin?x=1\",\"amount\":12.5}");
        assertThat(seen.get(1))
                .startsWith("GET /g?v=ACME%2F..%2Fadmin%3Fx%3D1 ")
                .endsWith("body=");
    }

    @Test
    void aServerErrorMayPassAndCarriesRetryAfter() {
        answer = new Answer(503, "{\"error\":\"busy\"}", 0, Map.of("Retry-After", "7"));

        ToolResponse r = calls.call(connector("POST", "/p", null, 2000, 1000), call());

        assertThat(r.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(r.retryAfterMillis()).isEqualTo(7000);
        assertThat(r.detail()).isEqualTo("HTTP 503: {\"error\":\"busy\"}");
        assertThat(r.toolFailed()).isTrue();
    }

    @Test
    void aRefusalIsFinalAndNotTheToolsFailure() {
        answer = new Answer(422, "{\"error\":\"no such vendor\"}", 0, Map.of());

        ToolResponse r = calls.call(connector("POST", "/p", null, 2000, 1000), call());

        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.toolFailed()).isFalse();
    }

    @Test
    void aRedirectIsNeverFollowed() {
        answer = new Answer(302, "", 0, Map.of("Location", "http://elsewhere.example/steal"));

        ToolResponse r = calls.call(connector("POST", "/p", null, 2000, 1000), call());

        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(seen).hasSize(1);
    }

    @Test
    void noAnswerInTimeIsAnUnknownOutcome() {
        answer = new Answer(200, "{}", 1500, Map.of());

        ToolResponse r = calls.call(connector("POST", "/p", null, 300, 1000), call());

        assertThat(r.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(r.millis()).isBetween(250L, 1400L);
    }

    @Test
    void nothingListeningMeansNothingWasSent() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ConnectorDefinition c = connector("POST", "/p", null, 2000, 1000);
        ConnectorDefinition unreachable = new ConnectorDefinition(
                "POST",
                "http://127.0.0.1:" + closed + "/p",
                Map.of(),
                null,
                null,
                "",
                1000,
                2000,
                false,
                1,
                null,
                1000,
                0,
                BigDecimal.ZERO,
                4);

        assertThat(calls.call(unreachable, call()).outcome()).isEqualTo(Outcome.NOT_SENT);
        assertThat(c.url()).isNotEqualTo(unreachable.url());
    }

    @Test
    void aHugeAnswerIsNotKeptButTheOutcomeStands() {
        answer = new Answer(200, "{\"data\":\"" + "x".repeat(50_000) + "\"}", 0, Map.of());

        ToolResponse r = calls.call(connector("POST", "/p", null, 2000, 1000), call());

        assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(r.resultTruncated()).isTrue();
        assertThat(r.resultJson()).isNull();
    }

    @Test
    void anAnswerThatIsNotJsonStillSucceeded() {
        answer = new Answer(200, "<html>ok</html>", 0, Map.of());

        ToolResponse r = calls.call(connector("POST", "/p", null, 2000, 1000), call());

        assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(r.resultJson()).isNull();
        assertThat(r.detail()).contains("not JSON");
    }

    @Test
    void aTemplateNamingAMissingArgumentIsNotSent() {
        ToolResponse r = calls.call(connector("POST", "/p/{/nothing}", null, 2000, 1000), call());

        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.httpStatus()).isNull();
        assertThat(seen).isEmpty();
    }

    @Test
    void theProbeAsksByKeyAndReadsNotFoundAsNotApplied() {
        answer = new Answer(404, "", 0, Map.of());

        ToolResponse r = calls.probe(connector("POST", "/p", null, 2000, 1000), call());

        assertThat(r.outcome()).isEqualTo(Outcome.NOT_APPLIED);
        assertThat(seen).singleElement().asString().startsWith("GET /by-key/mandate-env-1 key=mandate-env-1");
    }
}
