package dev.mandate.it.decision;

import static dev.mandate.it.decision.DecisionSetup.envelope;
import static dev.mandate.it.decision.DecisionSetup.pay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Malformed envelopes, schema violations, impersonation and idempotency: precise 4xx, nothing decided twice. */
class EnvelopeInputIT extends MandateIT {

    private static DecisionSetup setup;
    private static String agent;

    @BeforeAll
    static void tenant() {
        setup = new DecisionSetup();
        agent = setup.agent("AUTONOMOUS");
    }

    private void rejected(Map<String, Object> body, int status, String type, String field) {
        long before = Database.rows("envelope", setup.tenant);
        setup.submit("AUTONOMOUS", body)
                .then()
                .statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:mandate:problem:" + type))
                .body("violations.field", hasItem(field));
        assertThat(Database.rows("envelope", setup.tenant)).isEqualTo(before);
    }

    @Test
    void argumentsMustSatisfyTheActionsSchema() {
        rejected(
                envelope(agent, "pay-invoice", "erp", "pay", Map.of("invoiceId", "I", "amount", "lots")),
                422,
                "unprocessable",
                "requestedAction.arguments.amount");
        rejected(
                envelope(agent, "pay-invoice", "erp", "pay", Map.of("invoiceId", "I")),
                422,
                "unprocessable",
                "requestedAction.arguments.amount");
        rejected(
                envelope(agent, "pay-invoice", "erp", "pay", Map.of("invoiceId", "I", "amount", 1, "iban", "x")),
                422,
                "unprocessable",
                "requestedAction.arguments.iban");
    }

    // more rejections inside the decision's transaction (after the key's claim) than the pool has
    // connections (64): each rolled-back decision gives its connection back, so the next one is decided
    @Test
    void rejectedDecisionsGiveTheirConnectionBack() {
        Map<String, Object> invalid =
                envelope(agent, "pay-invoice", "erp", "pay", Map.of("invoiceId", "I", "amount", "lots"));
        for (int i = 0; i < 80; i++) {
            setup.submit("AUTONOMOUS", invalid).then().statusCode(422);
        }
        setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()))
                .then()
                .statusCode(200);
    }

    @Test
    void unknownTaskTypesToolsAndActionsAre422() {
        rejected(envelope(agent, "no-such-task", "erp", "pay", pay(1)), 422, "unprocessable", "taskType");
        rejected(
                envelope(agent, "pay-invoice", "no-such-tool", "pay", pay(1)),
                422,
                "unprocessable",
                "requestedAction.tool");
        rejected(
                envelope(agent, "pay-invoice", "erp", "teleport", pay(1)),
                422,
                "unprocessable",
                "requestedAction.action");
    }

    @Test
    void malformedAndMissingFieldsAre400() {
        Map<String, Object> body = envelope(agent, "pay-invoice", "erp", "pay", pay(1));
        body.remove("taskId");
        body.put("confidence", 7);
        rejected(body, 400, "validation-failed", "taskId");
        Map<String, Object> typed = envelope(agent, "pay-invoice", "erp", "pay", pay(1));
        typed.put("requestedAction", Map.of("tool", "erp", "action", "pay", "arguments", List.of(1, 2)));
        rejected(typed, 400, "validation-failed", "requestedAction.arguments");
        Map<String, Object> extra = envelope(agent, "pay-invoice", "erp", "pay", pay(1));
        extra.put("tier", "AUTONOMOUS");
        rejected(extra, 400, "validation-failed", "tier");
    }

    @Test
    void deeplyNestedArgumentsAre400() {
        Map<String, Object> nested = Map.of("leaf", 1);
        for (int i = 0; i < 30; i++) {
            nested = Map.of("d", nested);
        }
        rejected(
                envelope(agent, "pay-invoice", "erp", "pay", Map.of("invoiceId", "I", "amount", 1, "details", nested)),
                400,
                "validation-failed",
                "requestedAction.arguments");
    }

    @Test
    void argumentsFarOverTheSizeLimitAre413() {
        long before = Database.rows("envelope", setup.tenant);
        setup.submit(
                        "AUTONOMOUS",
                        envelope(
                                agent,
                                "pay-invoice",
                                "erp",
                                "pay",
                                Map.of("invoiceId", "I", "amount", 1, "note", "x".repeat(1_000_000))))
                .then()
                .statusCode(413)
                .body("type", equalTo("urn:mandate:problem:payload-too-large"));
        assertThat(Database.rows("envelope", setup.tenant)).isEqualTo(before);
    }

    @Test
    void anAgentCannotSubmitForAnotherAgent() {
        long before = Database.rows("envelope", setup.tenant);
        setup.submit("AUTONOMOUS", envelope(setup.agent("READ_ONLY"), "pay-invoice", "erp", "match_po", Map.of()))
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:mandate:problem:agent-mismatch"));
        as(setup.admin)
                .header("Idempotency-Key", "k")
                .body(envelope(agent, "pay-invoice", "erp", "match_po", Map.of()))
                .post("/api/v1/envelopes")
                .then()
                .statusCode(403);
        assertThat(Database.rows("envelope", setup.tenant)).isEqualTo(before);
    }

    @Test
    void anEnvelopeThatCouldExecuteNeedsAnIdempotencyKey() {
        setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()), null)
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:mandate:problem:idempotency-key-required"));
        setup.submit(
                        "AUTONOMOUS",
                        envelope(agent, "pay-invoice", "erp", "read_invoice", Map.of("invoiceId", "I")),
                        null)
                .then()
                .statusCode(200)
                .body("decision", equalTo("ALLOW"));
        setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()), "bad key with spaces")
                .then()
                .statusCode(400);
    }

    @Test
    void sameKeySameBodyReplaysTheStoredAnswer() {
        Map<String, Object> body = envelope(agent, "pay-invoice", "erp", "match_po", Map.of());
        String key = UUID.randomUUID().toString();
        Response first = setup.submit("AUTONOMOUS", body, key);
        Response again = setup.submit("AUTONOMOUS", body, key);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.asString()).isEqualTo(first.asString());
        assertThat(Database.count("select count(*) from envelope where id = ?", (Object) first.path("envelopeId")))
                .isEqualTo(1);
    }

    @Test
    void aRejectedEnvelopeLeavesItsKeySoTheCorrectedRetryIsDecided() {
        String key = UUID.randomUUID().toString();
        setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "no_such_action", Map.of()), key)
                .then()
                .statusCode(422);
        // the same key again: nothing was stored under it, so this is neither a replay nor a reused key
        setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()), key)
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue())
                .body("decision", equalTo("ALLOW"));
    }

    @Test
    void sameKeyDifferentBodyIs422() {
        String key = UUID.randomUUID().toString();
        setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()), key)
                .then()
                .statusCode(200);
        setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of("po", "7")), key)
                .then()
                .statusCode(422)
                .body("type", equalTo("urn:mandate:problem:idempotency-key-reused"));
    }

    // several rounds: a copy that slips past the claim needs the first to commit in a window of
    // microseconds (a lookup reading a snapshot older than the lock once let one through)
    @Test
    void fiftyParallelCopiesDecideOnce() throws Exception {
        Map<String, Object> body = envelope(agent, "pay-invoice", "erp", "match_po", Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(25);
        try {
            for (int round = 0; round < 5; round++) {
                String key = UUID.randomUUID().toString();
                long before = Database.rows("envelope", setup.tenant);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Response>> responses = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    Callable<Response> call = () -> {
                        start.await();
                        return setup.submit("AUTONOMOUS", body, key);
                    };
                    responses.add(pool.submit(call));
                }
                start.countDown();
                Set<String> envelopeIds = new java.util.HashSet<>();
                for (Future<Response> future : responses) {
                    Response response = future.get();
                    assertThat(response.statusCode()).isIn(200, 409);
                    if (response.statusCode() == 200) {
                        envelopeIds.add(response.path("envelopeId"));
                    } else {
                        assertThat(response.<String>path("type"))
                                .isEqualTo("urn:mandate:problem:idempotency-in-flight");
                    }
                }
                assertThat(envelopeIds).as("round %d", round).hasSize(1);
                assertThat(Database.rows("envelope", setup.tenant)).isEqualTo(before + 1);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void keysAreScopedToTheAgentAndTheTenant() {
        String key = "shared-key-" + UUID.randomUUID();
        setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()), key)
                .then()
                .statusCode(200);
        // another agent of the tenant (not the one suspended by another test) with the same key
        setup.submit(
                        "EXECUTE_WITH_APPROVAL",
                        envelope(setup.agent("EXECUTE_WITH_APPROVAL"), "pay-invoice", "erp", "match_po", Map.of()),
                        key)
                .then()
                .statusCode(200)
                .body("decision", equalTo("REQUIRE_APPROVAL"));
        DecisionSetup other = new DecisionSetup();
        other.submit("AUTONOMOUS", envelope(other.agent("AUTONOMOUS"), "pay-invoice", "erp", "match_po", Map.of()), key)
                .then()
                .statusCode(200)
                .body("decision", equalTo("ALLOW"));
    }

    @Test
    void onlyAgentsSubmitAndASuspendedOneIsRefused() {
        as(Tokens.of(setup.tenant, "x", Tokens.AUDITOR))
                .header("Idempotency-Key", "k")
                .body(envelope(agent, "pay-invoice", "erp", "match_po", Map.of()))
                .post("/api/v1/envelopes")
                .then()
                .statusCode(403);
        String victim = setup.agent("SUGGEST_ONLY");
        String etag = as(setup.admin).get("/api/v1/agents/" + victim).header("ETag");
        as(setup.admin)
                .header("If-Match", etag)
                .body(Map.of("status", "SUSPENDED", "reason", "test"))
                .put("/api/v1/agents/" + victim + "/status")
                .then()
                .statusCode(200);
        setup.submit("SUGGEST_ONLY", envelope(victim, "pay-invoice", "erp", "match_po", Map.of()))
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:mandate:problem:agent-not-active"));
    }

    @Test
    void envelopeIdsOfOtherTenantsAre404() {
        String id = setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()))
                .path("envelopeId");
        String intruder = Tokens.admin(newTenant());
        as(intruder).get("/api/v1/envelopes/" + id).then().statusCode(404);
        as(intruder).get("/api/v1/envelopes/" + id + "/explain").then().statusCode(404);
    }
}
