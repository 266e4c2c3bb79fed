package dev.mandate.it.h2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.Fixtures;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's execution walk-through on the quick start's H2: the demo's invoice clerk pays invoices
 * through Mandate against the demo ERP stand-in, which counts its effects per idempotency key.
 */
class ExecutionOnH2IT {

    private static final String BASE = System.getProperty("mandate.it.h2.base-url", "http://127.0.0.1:29080");
    private static final String CLERK = "00000000-de00-4000-8000-000000000003";
    private static String agent;
    private static String admin;

    @BeforeAll
    static void tokens() {
        agent = Fixtures.devToken(BASE, CLERK, "mandate-agent");
        admin = Fixtures.devToken(BASE, "admin@demo.example", "mandate-admin");
    }

    @AfterEach
    void normalErp() {
        RestAssured.given().baseUri(BASE).delete("/demo-tools/control/erp");
    }

    @Test
    void aPaymentActsOnceAndItsRetryIsReplayed() {
        String key = "h2-pay-" + UUID.randomUUID();
        String invoice = invoice();
        Response paid = pay(invoice, 500, key);
        assertThat(paid.statusCode()).as(paid.asString()).isEqualTo(200);
        assertThat(paid.<String>path("execution.status")).isEqualTo("SUCCEEDED");
        String downstream = paid.path("execution.idempotencyKey");

        Response again = pay(invoice, 500, key);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.<String>path("execution.status")).isEqualTo("SUCCEEDED");

        assertThat(effectsUnder(downstream)).isEqualTo(1);
    }

    @Test
    void aFailingErpIsRetriedWithTheSameKeyUntilThePaymentGoesThrough() {
        control(Map.of("failNext", 2, "failStatus", 503));

        Response answer = pay(invoice(), 501, "h2-pay-" + UUID.randomUUID());

        Response done = await(answer.path("envelopeId"), "SUCCEEDED");
        assertThat(done.<List<String>>path("execution.attemptLog.outcome"))
                .containsExactly("RETRYABLE", "RETRYABLE", "SUCCEEDED");
        assertThat(effectsUnder(done.path("execution.idempotencyKey"))).isEqualTo(1);
    }

    @Test
    void anAnswerThatNeverCameIsSettledByAskingTheErp() {
        control(Map.of("hangAfterEffect", 1, "hangMillis", 5000));

        Response answer = pay(invoice(), 502, "h2-pay-" + UUID.randomUUID());

        Response done = await(answer.path("envelopeId"), "SUCCEEDED");
        assertThat(done.<List<String>>path("execution.attemptLog.kind")).containsExactly("CALL", "PROBE");
        assertThat(effectsUnder(done.path("execution.idempotencyKey"))).isEqualTo(1);
    }

    @Test
    void theKillSwitchStopsAPaymentWaitingForItsNextAttempt() {
        control(Map.of("failNext", 1, "failStatus", 503, "retryAfterSeconds", 60));
        Response answer = pay(invoice(), 503, "h2-pay-" + UUID.randomUUID());
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(202);
        assertThat(answer.<String>path("execution.status")).isEqualTo("QUEUED");

        killSwitch(true);
        try {
            Response done = await(answer.path("envelopeId"), "CANCELLED");
            assertThat(done.<String>path("execution.reason")).startsWith("KILL_SWITCH: not sent");
            assertThat(effectsUnder(done.path("execution.idempotencyKey"))).isZero();
        } finally {
            killSwitch(false);
        }
    }

    private static String invoice() {
        return "INV-H2-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Response pay(String invoiceId, int amount, String key) {
        return as(agent)
                .header("Idempotency-Key", key)
                .body(Map.of(
                        "agentId",
                        CLERK,
                        "taskId",
                        "task-" + key,
                        "taskType",
                        "pay-invoice",
                        "requestedAction",
                        Map.of(
                                "tool", "erp",
                                "action", "pay_invoice",
                                "arguments", Map.of("invoiceId", invoiceId, "amount", amount, "currency", "EUR"))))
                .post("/api/v1/envelopes");
    }

    private static Response await(String envelopeId, String status) {
        Instant deadline = Instant.now().plusSeconds(20);
        Response envelope;
        do {
            envelope = as(admin).get("/api/v1/envelopes/" + envelopeId + "/explain");
            if (status.equals(envelope.path("execution.status"))) {
                return envelope;
            }
            sleep();
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("not " + status + ": " + envelope.asString());
    }

    private static int effectsUnder(String key) {
        List<Map<String, Object>> effects = RestAssured.given()
                .baseUri(BASE)
                .get("/demo-tools/effects?tool=erp")
                .jsonPath()
                .getList("items");
        return (int) effects.stream().filter(e -> key.equals(e.get("key"))).count();
    }

    private static void control(Map<String, Object> behaviour) {
        RestAssured.given()
                .baseUri(BASE)
                .contentType("application/json")
                .body(behaviour)
                .put("/demo-tools/control/erp")
                .then()
                .statusCode(200);
    }

    private static void killSwitch(boolean on) {
        as(admin)
                .body(Map.of("scope", "TOOL", "target", "erp", "active", on, "reason", "ERP incident"))
                .put("/api/v1/kill-switches")
                .then()
                .statusCode(200);
    }

    private static RequestSpecification as(String token) {
        return RestAssured.given()
                .baseUri(BASE)
                .contentType("application/json")
                .header("Authorization", "Bearer " + token);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
