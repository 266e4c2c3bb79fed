package dev.mandate.it.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stub tool server itself, without Mandate (no Payara needed): the tests of execution rely on it
 * behaving as a tool that honours idempotency keys, and misbehaving exactly as told.
 */
class StubToolServerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private StubToolServer stub;

    @BeforeEach
    void start() {
        stub = StubToolServer.start();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void anActionTakesEffectOncePerKeyAndReplaysItsAnswer() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = send("POST", "/tools/erp/payments", key, "{\"amount\":500,\"currency\":\"EUR\"}");
        HttpResponse<String> again = send("POST", "/tools/erp/payments", key, "{\"amount\":500,\"currency\":\"EUR\"}");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        JsonNode answer = JSON.readTree(first.body());
        assertThat(answer.path("effectId").asText()).startsWith("erp-");
        assertThat(answer.path("key").asText()).isEqualTo(key);
        assertThat(answer.path("received").path("amount").asInt()).isEqualTo(500);
        assertThat(stub.effects(key)).isEqualTo(1);
        assertThat(stub.tool("erp").totalEffects()).isEqualTo(1);
        assertThat(stub.requests("erp")).hasSize(2).allMatch(r -> key.equals(r.idempotencyKey()));
    }

    @Test
    void withoutAKeyEveryRequestTakesEffect() throws Exception {
        send("PUT", "/tools/ticketing/tickets/T-1/priority", null, "{\"priority\":\"P2\"}");
        send("PUT", "/tools/ticketing/tickets/T-1/priority", null, "{\"priority\":\"P2\"}");

        assertThat(stub.tool("ticketing").totalEffects()).isEqualTo(2);
        assertThat(stub.totalEffects()).isEqualTo(2);
    }

    @Test
    void concurrentAttemptsOfOneKeyTakeEffectOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            Callable<HttpResponse<String>> attempt = () -> send("POST", "/tools/erp/payments", key, "{}");
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(attempt));
            }
            List<String> bodies = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                bodies.add(answer.get().body());
            }
            assertThat(bodies).containsOnly(bodies.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(stub.effects(key)).isEqualTo(1);
    }

    @Test
    void theStatusProbeAnswersTheKeysAnswerOr404() throws Exception {
        String key = UUID.randomUUID().toString();
        assertThat(send("GET", "/tools/erp/by-key/" + key, null, null).statusCode())
                .isEqualTo(404);

        String applied =
                send("POST", "/tools/erp/payments", key, "{\"amount\":1}").body();
        HttpResponse<String> probe = send("GET", "/tools/erp/by-key/" + key, null, null);

        assertThat(probe.statusCode()).isEqualTo(200);
        assertThat(probe.body()).isEqualTo(applied);
        assertThat(stub.effects(key)).isEqualTo(1);
    }

    @Test
    void readsAreCountedAndEchoTheQuery() throws Exception {
        send("GET", "/tools/kb/search?q=refund%20policy&lang=en", null, null);
        JsonNode second = JSON.readTree(send("GET", "/tools/kb/search?q=refund%20policy&lang=en", null, null)
                .body());

        assertThat(second.path("query").path("q").asText()).isEqualTo("refund policy");
        assertThat(second.path("query").path("lang").asText()).isEqualTo("en");
        assertThat(second.path("read").asInt()).isEqualTo(2);
        assertThat(stub.tool("kb").reads()).isEqualTo(2);
        assertThat(stub.totalEffects()).isZero();
    }

    @Test
    void failuresApplyNothing() throws Exception {
        String key = UUID.randomUUID().toString();
        stub.tool("erp").failNext(2, 503);

        HttpResponse<String> first = send("POST", "/tools/erp/payments", key, "{}");
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.headers().firstValue("Retry-After")).contains("1");
        assertThat(send("POST", "/tools/erp/payments", key, "{}").statusCode()).isEqualTo(503);
        assertThat(stub.effects(key)).isZero();
        assertThat(send("POST", "/tools/erp/payments", key, "{}").statusCode()).isEqualTo(201);

        stub.tool("erp").failNext(1, 422);
        assertThat(send("POST", "/tools/erp/payments", UUID.randomUUID().toString(), "{}")
                        .statusCode())
                .isEqualTo(422);
        assertThat(stub.totalEffects()).isEqualTo(1);
    }

    @Test
    void aDroppedConnectionAfterTheEffectIsNotASecondEffectOnRetry() throws Exception {
        String key = UUID.randomUUID().toString();
        stub.tool("erp").dropAfterEffect(1);

        assertThatThrownBy(() -> send("POST", "/tools/erp/payments", key, "{}")).isInstanceOf(IOException.class);
        assertThat(stub.effects(key)).isEqualTo(1);

        HttpResponse<String> retry = send("POST", "/tools/erp/payments", key, "{}");
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(stub.effects(key)).isEqualTo(1);
    }

    @Test
    void aHangAfterTheEffectOutlastsTheCallersTimeout() throws Exception {
        String key = UUID.randomUUID().toString();
        stub.tool("erp").hangAfterEffect(1, Duration.ofSeconds(5));
        HttpRequest request = request("POST", "/tools/erp/payments", key, "{}")
                .timeout(Duration.ofMillis(300))
                .build();

        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(stub.effects(key)).isEqualTo(1);
        assertThat(send("GET", "/tools/erp/by-key/" + key, null, null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aSlowToolAnswersLate() throws Exception {
        stub.tool("kb").delay(Duration.ofMillis(400));
        long started = System.nanoTime();

        assertThat(send("GET", "/tools/kb/search?q=x", null, null).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void hugeAndBrokenAnswers() throws Exception {
        stub.tool("kb").hugeBody(3_000_000);
        HttpResponse<String> huge = send("GET", "/tools/kb/search?q=x", null, null);
        assertThat(huge.body()).hasSize(3_000_000);
        assertThat(JSON.readTree(huge.body()).path("padding").asText()).hasSize(3_000_000 - 14);

        stub.tool("kb").hugeBody(0).invalidJson(true);
        String broken = send("GET", "/tools/kb/search?q=x", null, null).body();
        assertThatThrownBy(() -> JSON.readTree(broken)).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void aToolThatIgnoresKeysTakesEffectEveryTimeAndCannotBeAsked() throws Exception {
        String key = UUID.randomUUID().toString();
        stub.tool("legacy").honourKeys(false);

        assertThat(send("POST", "/tools/legacy/orders", key, "{}").statusCode()).isEqualTo(201);
        assertThat(send("POST", "/tools/legacy/orders", key, "{}").statusCode()).isEqualTo(201);

        assertThat(stub.effects(key)).isEqualTo(2);
        assertThat(send("GET", "/tools/legacy/by-key/" + key, null, null).statusCode())
                .isEqualTo(501);
    }

    @Test
    void aRequiredCredentialRefusesWithoutEffectAndIsRecorded() throws Exception {
        stub.tool("erp").requireHeader("X-Api-Key", "k-1");

        HttpResponse<String> without = send("POST", "/tools/erp/payments", "a", "{}");
        HttpResponse<String> with = client.send(
                request("POST", "/tools/erp/payments", "b", "{}")
                        .header("X-Api-Key", "k-1")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(with.statusCode()).isEqualTo(201);
        assertThat(stub.effects("a")).isZero();
        assertThat(stub.requests("erp").get(1).header("x-api-key")).isEqualTo("k-1");
    }

    @Test
    void theTokenEndpointIssuesClientCredentialsTokensTheToolAccepts() throws Exception {
        stub.oauth().client("mandate", "s3cret");
        stub.tool("crm").requireTokenFrom(stub.oauth());

        HttpResponse<String> wrongSecret = token("mandate", "nope", "grant_type=client_credentials");
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrongSecret.body()).path("error").asText()).isEqualTo("invalid_client");
        assertThat(token("mandate", "s3cret", "grant_type=password").statusCode())
                .isEqualTo(400);

        HttpResponse<String> issued =
                token("mandate", "s3cret", "grant_type=client_credentials&scope=crm.read%20crm.write");
        JsonNode body = JSON.readTree(issued.body());
        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asInt()).isEqualTo(3600);
        String accessToken = body.path("access_token").asText();
        assertThat(stub.oauth().scopesAsked()).containsExactly(List.of("crm.read", "crm.write"));
        assertThat(stub.oauth().scopesOf(accessToken)).containsExactly("crm.read", "crm.write");

        assertThat(send("POST", "/tools/crm/contacts", "k", "{}").statusCode()).isEqualTo(401);
        HttpResponse<String> authorized = client.send(
                request("POST", "/tools/crm/contacts", "k", "{}")
                        .header("Authorization", "Bearer " + accessToken)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(authorized.statusCode()).isEqualTo(201);

        stub.oauth().expiresIn(0);
        String expired = JSON.readTree(token("mandate", "s3cret", "grant_type=client_credentials")
                        .body())
                .path("access_token")
                .asText();
        assertThat(stub.oauth().isValid("Bearer " + expired)).isFalse();
        assertThat(stub.oauth().tokensIssued()).isEqualTo(2);
    }

    @Test
    void unknownPathsAre404() throws Exception {
        assertThat(send("GET", "/elsewhere", null, null).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> token(String clientId, String secret, String form)
            throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return client.send(
                HttpRequest.newBuilder(URI.create(stub.tokenUrl()))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String key, String body)
            throws IOException, InterruptedException {
        return client.send(request(method, path, key, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String method, String path, String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request;
    }
}
