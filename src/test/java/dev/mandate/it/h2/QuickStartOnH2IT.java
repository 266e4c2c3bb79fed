package dev.mandate.it.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.mandate.it.support.Fixtures;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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

/**
 * The quick start's configuration: the EAR on Payara's embedded H2 with the demo tenant, where the
 * decision path takes its portable code paths (the idempotency claim in a transaction of its own, the
 * task-usage row and rate buckets without ON CONFLICT, no configuration generations). The build deploys
 * it on a domain of its own after the PostgreSQL domain stopped; this speaks HTTP to it, as the README's
 * walk-through does.
 */
class QuickStartOnH2IT {

    private static final String BASE = System.getProperty("mandate.it.h2.base-url", "http://127.0.0.1:29080");
    private static final String CLERK = "00000000-de00-4000-8000-000000000003"; // AUTONOMOUS on erp

    private static String admin;
    private static String clerk;

    @BeforeAll
    static void tokens() {
        admin = token("admin@demo.example", "mandate-admin");
        clerk = token(CLERK, "mandate-agent");
    }

    private static String token(String subject, String group) {
        return Fixtures.devToken(BASE, subject, group);
    }

    private static RequestSpecification as(String token) {
        return RestAssured.given()
                .baseUri(BASE)
                .contentType("application/json")
                .header("Authorization", "Bearer " + token);
    }

    private static Map<String, Object> payment(String taskId, double amount, List<String> labels) {
        return Map.of(
                "agentId",
                CLERK,
                "taskId",
                taskId,
                "taskType",
                "pay-invoice",
                "requestedAction",
                Map.of(
                        "tool", "erp",
                        "action", "pay_invoice",
                        "arguments", Map.of("invoiceId", "INV-" + taskId, "amount", amount, "currency", "EUR")),
                "policyContext",
                Map.of("labels", labels),
                "modelUsage",
                Map.of("model", "small", "calls", 1, "cost", 0.01));
    }

    private static Response pay(double amount, String key, List<String> labels) {
        return as(clerk)
                .header("Idempotency-Key", key)
                .body(payment("h2-" + key, amount, labels))
                .post("/api/v1/envelopes");
    }

    /** Decided: 200, or 202 for an allowed payment whose execution is still under way. */
    private static final org.hamcrest.Matcher<Integer> DECIDED =
            org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(202));

    private static String decision(double amount, List<String> labels) {
        return pay(amount, UUID.randomUUID().toString(), labels)
                .then()
                .statusCode(DECIDED)
                .extract()
                .path("decision");
    }

    @Test
    void theWalkThroughDecidesEveryOutcomeAndTheAuditVerifies() {
        assertThat(decision(500, List.of())).isEqualTo("ALLOW");
        assertThat(decision(12000, List.of())).isEqualTo("DENY");
        assertThat(decision(2500, List.of())).isEqualTo("REQUIRE_APPROVAL");
        assertThat(decision(700, List.of("fraud-suspected"))).isEqualTo("ESCALATE");
        assertThat(decision(60000, List.of())).isEqualTo("DENY");

        as(admin)
                .body(Map.of("scope", "TOOL", "target", "erp", "active", true, "reason", "ERP incident"))
                .put("/api/v1/kill-switches")
                .then()
                .statusCode(200);
        pay(500, UUID.randomUUID().toString(), List.of())
                .then()
                .body("decision", equalTo("DENY"))
                .body("reasons", hasItem(startsWith("KILL_SWITCH: TOOL erp")));
        as(admin)
                .body(Map.of("scope", "TOOL", "target", "erp", "active", false, "reason", "resolved"))
                .put("/api/v1/kill-switches")
                .then()
                .statusCode(200);
        assertThat(decision(500, List.of())).isEqualTo("ALLOW");

        as(admin).get("/api/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void theLaunchReadinessReportAnswersForBothDemoWorkflows() {
        as(admin)
                .get("/api/v1/reports/readiness")
                .then()
                .statusCode(200)
                .body("items.workflow", hasItems("accounts-payable-invoices", "support-ticket-triage"))
                .body("items.find { it.workflow == 'accounts-payable-invoices' }.criteria", hasSize(5));
        as(admin)
                .accept("text/html")
                .get("/api/v1/reports/readiness/support-ticket-triage")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/html"));
    }

    @Test
    void idempotencyReplaysRefusesAnotherBodyAndDecidesParallelCopiesOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        String first =
                pay(400, key, List.of()).then().statusCode(DECIDED).extract().path("envelopeId");
        pay(400, key, List.of())
                .then()
                .statusCode(DECIDED)
                .header("Idempotent-Replayed", "true")
                .body("envelopeId", equalTo(first));
        pay(401, key, List.of()).then().statusCode(422);

        String parallel = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> responses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Callable<Response> call = () -> {
                start.await();
                return pay(300, parallel, List.of());
            };
            responses.add(pool.submit(call));
        }
        start.countDown();
        Set<String> envelopes = new HashSet<>();
        for (Future<Response> response : responses) {
            Response answer = response.get();
            assertThat(answer.statusCode()).isIn(200, 202, 409);
            if (answer.statusCode() != 409) {
                envelopes.add(answer.path("envelopeId"));
            }
        }
        pool.shutdown();
        assertThat(envelopes).as("one decision, replayed to the others").hasSize(1);
    }

    @Test
    void aSuspendedAgentGetsNeitherADecisionNorAStoredAnswer() {
        String id = as(admin)
                .body(Map.of(
                        "name", "h2-suspended-" + UUID.randomUUID(),
                        "sponsor", "owner@demo.example",
                        "defaultTier", "AUTONOMOUS",
                        "workflow", "accounts-payable"))
                .post("/api/v1/agents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String agent = token(id, "mandate-agent");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = new HashMap<>(payment("h2-s-" + key, 100, List.of()));
        body.put("agentId", id);
        as(agent)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/v1/envelopes")
                .then()
                .statusCode(DECIDED);

        as(admin)
                .header("If-Match", "\"1\"")
                .body(Map.of("status", "SUSPENDED", "reason", "test"))
                .put("/api/v1/agents/" + id + "/status")
                .then()
                .statusCode(200);
        as(agent)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/v1/envelopes")
                .then()
                .statusCode(403);
        body.put("taskId", "h2-s2-" + key);
        as(agent)
                .header("Idempotency-Key", "other-" + key)
                .body(body)
                .post("/api/v1/envelopes")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:mandate:problem:agent-not-active"));
    }

    @Test
    void aRateRuleCountsTheAgentsEnvelopes() {
        as(admin)
                .body(Map.of(
                        "ruleId", "h2-rate",
                        "name", "h2 rate",
                        "kind", "RATE_LIMIT",
                        "params", Map.of("counter", "agent_minute", "max", 3),
                        "effect", "DENY"))
                .post("/api/v1/policies/rules")
                .then()
                .statusCode(201);
        try {
            // whatever the clerk sent in the last minute (other tests), the fourth envelope at the latest
            // finds three counted
            List<String> decisions = new ArrayList<>();
            Response denied = null;
            for (int i = 0; i < 4 && denied == null; i++) {
                Response answer = pay(100, UUID.randomUUID().toString(), List.of());
                decisions.add(answer.path("decision"));
                if ("DENY".equals(answer.path("decision"))) {
                    denied = answer;
                }
            }
            assertThat(denied).as("decisions " + decisions).isNotNull();
            denied.then()
                    .body("reasons", hasItem(startsWith("POLICY_DENY: h2-rate: rate limit: agent_minute reached 3")));
        } finally {
            String etag = as(admin).get("/api/v1/policies/rules/h2-rate").header("ETag");
            as(admin)
                    .header("If-Match", etag)
                    .delete("/api/v1/policies/rules/h2-rate")
                    .then()
                    .statusCode(204);
        }
    }
}
