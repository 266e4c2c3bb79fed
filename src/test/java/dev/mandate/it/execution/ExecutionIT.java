package dev.mandate.it.execution;

import static dev.mandate.it.execution.ExecutionSetup.connector;
import static dev.mandate.it.execution.ExecutionSetup.probe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mandate.it.support.Asadmin;
import dev.mandate.it.support.MandateIT;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Allowed envelopes act on a stub tool that counts its effects per idempotency key: once, whatever
 * fails around the call; what cannot be settled is left for people, never sent blindly again.
 */
class ExecutionIT extends MandateIT {

    private static final List<String> TOOLS = List.of(
            "ledger",
            "flaky",
            "lossy",
            "lossy-unsafe",
            "queued",
            "parallel",
            "slow",
            "lagging",
            "huge",
            "broken",
            "reads",
            "down",
            "crowded",
            "retaken",
            "called-back");
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static StubToolServer stub;
    private static ExecutionSetup setup;

    @BeforeAll
    static void start() {
        stub = StubToolServer.start();
        setup = new ExecutionSetup(stub, TOOLS);
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @Test
    void anAllowedActionActsOnceAndItsRetryIsReplayedWithoutASecondEffect() {
        String key = "k-" + UUID.randomUUID();
        Map<String, Object> envelope = setup.envelope("ledger", Map.of("entry", "E-1", "amount", 12));

        Response first = setup.submit(envelope, key);
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(200);
        assertThat(first.<String>path("decision")).isEqualTo("ALLOW");
        assertThat(first.<String>path("execution.status")).isEqualTo("SUCCEEDED");
        assertThat(first.<Integer>path("execution.httpStatus")).isEqualTo(201);
        assertThat(first.<Map<String, Object>>path("execution.result.received")).containsEntry("entry", "E-1");
        String envelopeId = first.path("envelopeId");
        String downstreamKey = first.path("execution.idempotencyKey");
        assertThat(stub.tool("ledger").effects(downstreamKey)).isEqualTo(1);

        Response again = setup.submit(envelope, key);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.<String>path("envelopeId")).isEqualTo(envelopeId);
        assertThat(again.<String>path("execution.status")).isEqualTo("SUCCEEDED");
        Response page = ExecutionSetup.as(setup.admin).get("/api/v1/envelopes/" + envelopeId);
        assertThat(execution(first))
                .as("the answer shows the execution exactly as it was recorded")
                .isEqualTo(execution(again))
                .isEqualTo(execution(page));
        assertThat(stub.tool("ledger").effects(downstreamKey)).isEqualTo(1);
        assertThat(stub.requests("ledger")).hasSize(1);
        assertThat(stub.requests("ledger").get(0).header("Idempotency-Key")).isEqualTo(downstreamKey);

        Response explain = ExecutionSetup.as(setup.admin).get("/api/v1/envelopes/" + envelopeId + "/explain");
        assertThat(explain.<String>path("execution.status")).isEqualTo("SUCCEEDED");
        assertThat(explain.<List<Object>>path("execution.attemptLog")).hasSize(1);
        assertThat(explain.<String>path("execution.attemptLog[0].outcome")).isEqualTo("SUCCEEDED");
    }

    @Test
    void aToolFailingForAWhileIsRetriedWithTheSameKeyWhenTheActionIsSafeToRetry() {
        setup.tool(
                "flaky",
                "WRITE",
                connector(stub, "flaky", Map.of("retrySafe", true, "maxAttempts", 5, "syncWaitMillis", 0)));
        stub.tool("flaky").failNext(2, 503);

        Response answer = setup.submit("flaky", Map.of("n", 1), "k-" + UUID.randomUUID());
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(202);
        assertThat(answer.header("Location")).endsWith("/api/v1/envelopes/" + answer.path("envelopeId"));

        Response done = setup.awaitExecution(answer.path("envelopeId"), "SUCCEEDED", Duration.ofSeconds(20));
        assertThat(done.<Integer>path("execution.attempts")).isEqualTo(3);
        assertThat(done.<List<String>>path("execution.attemptLog.outcome"))
                .containsExactly("RETRYABLE", "RETRYABLE", "SUCCEEDED");
        String key = done.path("execution.idempotencyKey");
        assertThat(stub.requests("flaky")).hasSize(3).allSatisfy(r -> assertThat(r.header("Idempotency-Key"))
                .isEqualTo(key));
        assertThat(stub.tool("flaky").effects(key)).isEqualTo(1);
    }

    @Test
    void aFailureOfAnActionNotSafeToRetryIsFinal() {
        setup.tool("broken", "WRITE", connector(stub, "broken", Map.of()));
        stub.tool("broken").failNext(1, 500);

        Response answer = setup.submit("broken", Map.of(), "k-" + UUID.randomUUID());

        assertThat(answer.<String>path("execution.status")).isEqualTo("FAILED");
        assertThat(answer.<String>path("execution.reason")).startsWith("HTTP 500");
        assertThat(stub.requests("broken")).hasSize(1);
    }

    @Test
    void anAnswerLostAfterTheEffectIsSettledByAskingTheToolByKey() {
        setup.tool(
                "lossy",
                "WRITE",
                connector(stub, "lossy", Map.of("statusProbe", probe(stub, "lossy"), "syncWaitMillis", 0)));
        stub.tool("lossy").dropAfterEffect(1);

        Response answer = setup.submit("lossy", Map.of("n", 2), "k-" + UUID.randomUUID());

        Response done = setup.awaitExecution(answer.path("envelopeId"), "SUCCEEDED", Duration.ofSeconds(20));
        assertThat(done.<List<String>>path("execution.attemptLog.kind")).containsExactly("CALL", "PROBE");
        assertThat(done.<List<String>>path("execution.attemptLog.outcome")).containsExactly("UNKNOWN", "SUCCEEDED");
        assertThat(stub.tool("lossy").effects(done.path("execution.idempotencyKey")))
                .isEqualTo(1);
        assertThat(stub.requests("lossy").stream().filter(r -> r.method().equals("POST")))
                .hasSize(1);
    }

    @Test
    void withoutAProbeAnUnsafeActionWithoutAnAnswerIsLeftForPeopleNeverSentAgain() {
        setup.tool("lossy-unsafe", "WRITE", connector(stub, "lossy-unsafe", Map.of()));
        stub.tool("lossy-unsafe").dropAfterEffect(1);

        Response answer = setup.submit("lossy-unsafe", Map.of(), "k-" + UUID.randomUUID());

        assertThat(answer.<String>path("execution.status")).isEqualTo("OUTCOME_UNKNOWN");
        ExecutionSetup.sleep(2500);
        assertThat(stub.requests("lossy-unsafe")).hasSize(1);
        Response audit = ExecutionSetup.as(setup.admin)
                .queryParam("action", "execution.outcome_unknown")
                .get("/api/v1/audit/records");
        assertThat(audit.asString()).contains(answer.<String>path("envelopeId"));
    }

    @Test
    void theKillSwitchStopsWhatIsQueuedAndSaysWhy() {
        setup.tool(
                "queued",
                "WRITE",
                connector(stub, "queued", Map.of("retrySafe", true, "maxAttempts", 10, "syncWaitMillis", 0)));
        stub.tool("queued").failNext(100, 503);

        Response answer = setup.submit("queued", Map.of(), "k-" + UUID.randomUUID());
        setup.awaitExecution(answer.path("envelopeId"), "QUEUED", Duration.ofSeconds(5));
        setup.killSwitch("TOOL", "queued", true);
        try {
            Response done = setup.awaitExecution(answer.path("envelopeId"), "CANCELLED", Duration.ofSeconds(15));
            assertThat(done.<String>path("execution.reason")).startsWith("KILL_SWITCH: not sent");
            int sent = stub.requests("queued").size();
            ExecutionSetup.sleep(3000);
            assertThat(stub.requests("queued")).hasSize(sent);
            assertThat(stub.tool("queued").totalEffects()).isZero();
        } finally {
            setup.killSwitch("TOOL", "queued", false);
        }
    }

    @Test
    void fiftyIdenticalEnvelopesAtOnceActOnce() throws Exception {
        String key = "k-" + UUID.randomUUID();
        Map<String, Object> envelope = setup.envelope("parallel", Map.of("n", 3));
        ExecutorService clients = Executors.newFixedThreadPool(50);
        try {
            List<Callable<Integer>> sends = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                sends.add(() -> setup.submit(envelope, key).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : clients.invokeAll(sends)) {
                statuses.add(status.get());
            }
            assertThat(statuses).allSatisfy(s -> assertThat(s).isIn(200, 202, 409));
        } finally {
            clients.shutdown();
        }
        Response replay = setup.submit(envelope, key);
        setup.awaitExecution(replay.path("envelopeId"), "SUCCEEDED", Duration.ofSeconds(10));
        assertThat(stub.tool("parallel").totalEffects()).isEqualTo(1);
        assertThat(stub.requests("parallel")).hasSize(1);
    }

    @Test
    void anAnswerNotWaitedForShowsTheExecutionInFlightAsItsPageDoesUntilTheAttemptEnds() {
        setup.tool("lagging", "WRITE", connector(stub, "lagging", Map.of("syncWaitMillis", 200)));
        stub.tool("lagging").delay(Duration.ofMillis(1500));

        Response answer = setup.submit("lagging", Map.of(), "k-" + UUID.randomUUID());

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(202);
        assertThat(answer.<String>path("execution.status")).isEqualTo("IN_FLIGHT");
        assertThat(answer.<Integer>path("execution.attempts")).isZero();
        assertThat(answer.<Boolean>path("execution.cacheHit")).isFalse();
        assertThat(answer.<Object>path("execution.result")).isNull();
        Response page = ExecutionSetup.as(setup.admin).get("/api/v1/envelopes/" + answer.path("envelopeId"));
        assertThat(page.<String>path("execution.status")).isEqualTo("IN_FLIGHT");
        assertThat(execution(answer)).isEqualTo(execution(page));
        Response done = setup.awaitExecution(answer.path("envelopeId"), "SUCCEEDED", Duration.ofSeconds(10));
        assertThat(done.<Integer>path("execution.attempts")).isEqualTo(1);
        assertThat(stub.tool("lagging").effects(answer.path("execution.idempotencyKey")))
                .isEqualTo(1);
    }

    @Test
    void noAnswerWithinTheTimeoutIsAnUnknownOutcome() {
        setup.tool("slow", "WRITE", connector(stub, "slow", Map.of("timeoutMillis", 500)));
        stub.tool("slow").delay(Duration.ofSeconds(2));

        Response answer = setup.submit("slow", Map.of(), "k-" + UUID.randomUUID());

        assertThat(answer.<String>path("execution.status")).isEqualTo("OUTCOME_UNKNOWN");
        assertThat(answer.<String>path("execution.reason")).contains("500 ms");
    }

    @Test
    void aHugeAnswerIsNotKeptAndABrokenOneStillCountsAsDone() {
        setup.tool("huge", "WRITE", connector(stub, "huge", Map.of("maxResultBytes", 1000)));
        stub.tool("huge").hugeBody(5_000_000);
        Response huge = setup.submit("huge", Map.of(), "k-" + UUID.randomUUID());
        assertThat(huge.<String>path("execution.status")).isEqualTo("SUCCEEDED");
        assertThat(huge.<Boolean>path("execution.resultTruncated")).isTrue();

        stub.tool("broken").reset().invalidJson(true);
        setup.tool("broken", "WRITE", connector(stub, "broken", Map.of()));
        Response broken = setup.submit("broken", Map.of(), "k-" + UUID.randomUUID());
        assertThat(broken.<String>path("execution.status")).isEqualTo("SUCCEEDED");
        assertThat(broken.<Object>path("execution.result")).isNull();
    }

    @Test
    void aReadIsServedFromTheCacheWithinItsTimeToLive() {
        setup.tool(
                "reads",
                "READ",
                connector(
                        stub,
                        "reads",
                        Map.of(
                                "method",
                                "GET",
                                "url",
                                stub.toolUrl("reads") + "/items?q={/q}",
                                "cacheTtlSeconds",
                                60)));

        Response first = setup.submit("reads", Map.of("q", "a b"), null);
        Response second = setup.submit("reads", Map.of("q", "a b"), null);
        Response other = setup.submit("reads", Map.of("q", "c"), null);

        assertThat(first.<Boolean>path("execution.cacheHit")).isFalse();
        assertThat(second.<Boolean>path("execution.cacheHit")).isTrue();
        assertThat(second.<Object>path("execution.result")).isEqualTo(first.path("execution.result"));
        assertThat(other.<Boolean>path("execution.cacheHit")).isFalse();
        assertThat(stub.tool("reads").reads()).isEqualTo(2);
    }

    @Test
    void aToolFailingAgainAndAgainIsCutOffByItsCircuitBreaker() {
        setup.tool("down", "WRITE", connector(stub, "down", Map.of()));
        stub.tool("down").failNext(100, 503);
        for (int i = 0; i < 5; i++) {
            assertThat(setup.submit("down", Map.of(), "k-" + UUID.randomUUID()).<String>path("execution.status"))
                    .isEqualTo("FAILED");
        }

        Response cut = setup.submit("down", Map.of(), "k-" + UUID.randomUUID());

        assertThat(cut.statusCode()).isEqualTo(202);
        assertThat(cut.<String>path("execution.status")).isEqualTo("QUEUED");
        assertThat(cut.<String>path("execution.reason")).startsWith("CIRCUIT_OPEN");
        assertThat(stub.requests("down")).hasSize(5);
    }

    @Test
    void aToolsBulkheadHoldsBackCallsBeyondItsLimitUntilThereIsRoom() throws Exception {
        setup.tool("crowded", "WRITE", connector(stub, "crowded", Map.of("maxConcurrent", 1, "syncWaitMillis", 4000)));
        stub.tool("crowded").delay(Duration.ofMillis(1500));
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answers.add(clients.submit(() -> setup.submit("crowded", Map.of(), "k-" + UUID.randomUUID())));
            }
            List<String> reasons = new ArrayList<>();
            for (Future<Response> answer : answers) {
                Response done =
                        setup.awaitExecution(answer.get().path("envelopeId"), "SUCCEEDED", Duration.ofSeconds(30));
                reasons.add(answer.get().path("execution.reason"));
                assertThat(done.<String>path("execution.status")).isEqualTo("SUCCEEDED");
            }
            assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("BULKHEAD_FULL"));
        } finally {
            clients.shutdown();
        }
    }

    @Test
    void queuedExecutionsAreTakenByOneOfTheCompetingWorkersAtATime() throws Exception {
        setup.tool(
                "retaken",
                "WRITE",
                connector(stub, "retaken", Map.of("retrySafe", true, "maxAttempts", 10, "syncWaitMillis", 0)));
        stub.tool("retaken").failNext(100, 503);
        // a hundred failures in a row would open the tool's breaker: this test is about the queue
        Asadmin.setProperty("mandate.execution.breaker.failures", "1000");
        ExecutorService clients = Executors.newFixedThreadPool(10);
        List<String> envelopes = new ArrayList<>();
        try {
            List<Callable<String>> sends = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                sends.add(() -> setup.submit("retaken", Map.of(), "k-" + UUID.randomUUID())
                        .path("envelopeId"));
            }
            for (Future<String> id : clients.invokeAll(sends)) {
                envelopes.add(id.get());
            }
        } finally {
            clients.shutdown();
            Asadmin.removeProperty("mandate.execution.breaker.failures");
        }
        int retaken = 0;
        for (String envelopeId : envelopes) {
            Response done = setup.awaitExecution(envelopeId, "SUCCEEDED", Duration.ofSeconds(60));
            String key = done.path("execution.idempotencyKey");
            int attempts = done.path("execution.attempts");
            retaken += attempts > 1 ? 1 : 0;
            // one request per recorded attempt: no two workers ever sent the same attempt
            assertThat(stub.requests("retaken").stream().filter(r -> key.equals(r.header("Idempotency-Key"))))
                    .as("requests under " + key)
                    .hasSize(attempts);
            assertThat(stub.tool("retaken").effects(key)).isEqualTo(1);
        }
        assertThat(retaken).as("executions the workers took from the queue").isGreaterThanOrEqualTo(50);
    }

    @Test
    void theAgentIsCalledBackSignedOnceTheExecutionEnds() throws Exception {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        Asadmin.setProperty("mandate.execution.callback-hosts", "127.0.0.1");
        Asadmin.setProperty(
                "mandate.credentials." + setup.tenant + ".callbacks.key",
                "whsec_" + Base64.getEncoder().encodeToString(secret));
        try {
            Map<String, Object> envelope = setup.envelope("called-back", Map.of("n", 9));
            envelope.put("callbackUrl", stub.toolUrl("agent-inbox") + "/hooks");
            Response answer = setup.submit(envelope, "k-" + UUID.randomUUID());
            assertThat(answer.<String>path("execution.status"))
                    .as(answer.asString())
                    .isEqualTo("SUCCEEDED");

            Instant deadline = Instant.now().plusSeconds(15);
            while (stub.requests("agent-inbox").isEmpty() && Instant.now().isBefore(deadline)) {
                ExecutionSetup.sleep(200);
            }
            assertThat(stub.requests("agent-inbox")).hasSize(1);
            RecordedRequest callback = stub.requests("agent-inbox").get(0);
            String signed =
                    callback.header("webhook-id") + "." + callback.header("webhook-timestamp") + "." + callback.body();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            assertThat(callback.header("webhook-signature"))
                    .isEqualTo("v1,"
                            + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8))));
            assertThat(callback.body())
                    .contains("\"envelopeId\":\"" + answer.<String>path("envelopeId") + "\"")
                    .contains("\"status\":\"SUCCEEDED\"");
        } finally {
            Asadmin.removeProperty("mandate.execution.callback-hosts");
            Asadmin.removeProperty("mandate.credentials." + setup.tenant + ".callbacks.key");
        }
    }

    @Test
    void aCallbackToAHostMandateDoesNotCallIsRefusedAndNothingIsDecided() {
        Map<String, Object> envelope = setup.envelope("called-back", Map.of());
        envelope.put("callbackUrl", "http://169.254.169.254/latest/meta-data");

        Response answer = setup.submit(envelope, "k-" + UUID.randomUUID());

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.<String>path("detail")).contains("callbackUrl");
        assertThat(stub.requests("called-back")).isEmpty();
    }

    /** An answer's or a page's execution as text (numbers as written), without the attempt log. */
    private static String execution(Response response) {
        try {
            ObjectNode execution =
                    (ObjectNode) EXACT.readTree(response.asString()).get("execution");
            assertThat(execution).as(response.asString()).isNotNull();
            execution.remove("attemptLog");
            return execution.toString();
        } catch (JsonProcessingException unreadable) {
            throw new AssertionError(response.asString(), unreadable);
        }
    }
}
