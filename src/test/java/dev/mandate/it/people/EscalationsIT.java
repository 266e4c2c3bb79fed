package dev.mandate.it.people;

import static dev.mandate.it.people.PeopleSetup.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.execution.StubToolServer;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What needs a person lands in the queue (a rule's ESCALATE, an outcome nobody knows); one person holds an
 * item at a time and resolves it: an edit is decided again by the whole decision path, and every
 * resolution becomes a labelled example.
 */
class EscalationsIT extends MandateIT {

    private static StubToolServer stub;

    @BeforeAll
    static void start() {
        stub = StubToolServer.start();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    private static PeopleSetup setup() {
        PeopleSetup setup = new PeopleSetup(stub);
        Fixtures.policyRule(
                setup.admin,
                "large-payments-escalate",
                Map.of(
                        "kind", "EXPRESSION",
                        "expression", "task.action == 'pay' && args.amount > 5000.0",
                        "effect", "ESCALATE",
                        "reason", "large payments go to the payments desk"));
        Fixtures.policyRule(
                setup.admin,
                "small-payments-autonomous",
                Map.of(
                        "kind", "EXPRESSION",
                        "expression", "task.action == 'pay' && args.amount <= 100.0",
                        "effect", "ALLOW",
                        "reason", "payments up to 100 need no approval"));
        return setup;
    }

    private static Response submit(PeopleSetup setup, Map<String, Object> arguments, String decision) {
        Response answer = setup.submit(setup.payment(arguments));
        assertThat(answer.statusCode()).as(answer.asString()).isIn(200, 202);
        assertThat(answer.<String>path("decision")).as(answer.asString()).isEqualTo(decision);
        return answer;
    }

    @Test
    void anEscalatedPaymentIsClaimedAndResolvedWithEditedArgumentsThatPassTheDecisionPath() {
        PeopleSetup setup = setup();
        Response escalated = submit(setup, Map.of("invoice", "INV-E1", "amount", 8000), "ESCALATE");
        String id = escalated.path("escalation.id");
        assertThat(escalated.<String>path("escalation.status")).isEqualTo("OPEN");

        Response queue = as(setup.alice).get("/api/v1/escalations?status=OPEN");
        assertThat(queue.<List<String>>path("items.id")).containsExactly(id);
        assertThat(queue.<String>path("items[0].source")).isEqualTo("ESCALATE_DECISION");
        Response item = as(setup.alice).get("/api/v1/escalations/" + id);
        assertThat(item.<String>path("why")).contains("large-payments-escalate");
        assertThat(item.<String>path("suggestedAction.resolution")).isEqualTo("EXECUTE");
        assertThat(item.<Integer>path("context.arguments.amount")).isEqualTo(8000);
        assertThat(item.<String>path("slaClass")).isEqualTo("standard");

        Response unclaimed =
                as(setup.bob).body(Map.of("resolution", "REJECT")).post("/api/v1/escalations/" + id + "/resolve");
        assertThat(unclaimed.statusCode()).isEqualTo(409);
        assertThat(unclaimed.<String>path("detail")).contains("claim");
        assertThat(as(setup.alice).post("/api/v1/escalations/" + id + "/claim").<String>path("assignee"))
                .isEqualTo("alice@example.com");
        assertThat(as(setup.bob).post("/api/v1/escalations/" + id + "/claim").statusCode())
                .isEqualTo(409);
        assertThat(as(setup.bob).post("/api/v1/escalations/" + id + "/release").statusCode())
                .isEqualTo(409);
        assertThat(as(setup.bob)
                        .body(Map.of("resolution", "REJECT"))
                        .post("/api/v1/escalations/" + id + "/resolve")
                        .statusCode())
                .isEqualTo(409);

        Response stillTooLarge = as(setup.alice)
                .body(Map.of("resolution", "EXECUTE_EDITED", "arguments", Map.of("invoice", "INV-E1", "amount", 7000)))
                .post("/api/v1/escalations/" + id + "/resolve");
        assertThat(stillTooLarge.statusCode()).as(stillTooLarge.asString()).isEqualTo(422);
        assertThat(stillTooLarge.<String>path("detail")).contains("ESCALATE", "large-payments-escalate");
        assertThat(as(setup.alice).get("/api/v1/escalations/" + id).<String>path("status"))
                .isEqualTo("CLAIMED");
        assertThat(as(setup.alice).get("/api/v1/escalations").<List<Object>>path("items"))
                .hasSize(1);

        Response resolved = as(setup.alice)
                .body(Map.of(
                        "resolution", "EXECUTE_EDITED",
                        "reason", "pay the first instalment only",
                        "arguments", Map.of("invoice", "INV-E1", "amount", 90)))
                .post("/api/v1/escalations/" + id + "/resolve");
        assertThat(resolved.statusCode()).as(resolved.asString()).isEqualTo(200);
        assertThat(resolved.<String>path("status")).isEqualTo("RESOLVED");
        assertThat(resolved.<String>path("resolution.resolution")).isEqualTo("EXECUTE_EDITED");
        assertThat(resolved.<String>path("newEnvelope.decision")).isEqualTo("ALLOW");
        assertThat(resolved.<String>path("newEnvelope.execution.status")).isEqualTo("SUCCEEDED");
        assertThat(stub.requests("erp").stream().filter(r -> r.body().contains("INV-E1")))
                .singleElement()
                .satisfies(r -> assertThat(r.body()).contains("\"amount\":90"));

        Response examples = as(setup.admin).get("/api/v1/labelled-examples?source=ESCALATION");
        assertThat(examples.<List<String>>path("items.humanAction")).containsExactly("EXECUTED_EDITED");
        assertThat(examples.<Integer>path("items[0].editedArguments.amount")).isEqualTo(90);
        assertThat(examples.<Integer>path("items[0].input.requestedAction.arguments.amount"))
                .isEqualTo(8000);
        assertThat(examples.<String>path("items[0].machineDecision")).isEqualTo("ESCALATE");
        Response explain = as(setup.admin).get("/api/v1/envelopes/" + escalated.path("envelopeId") + "/explain");
        assertThat(explain.<String>path("escalations[0].resolution.by")).isEqualTo("alice@example.com");
        assertThat(explain.<String>path("escalations[0].resolution.newEnvelopeId"))
                .isEqualTo(resolved.<String>path("newEnvelope.envelopeId"));
        Response audit = as(setup.admin).get("/api/v1/audit/records?action=escalation.claimed");
        assertThat(audit.<List<String>>path("items.actor")).containsExactly("alice@example.com");
    }

    @Test
    void onePersonHoldsAnItemHoweverManyClaimAtOnce() throws Exception {
        PeopleSetup setup = setup();
        String id = submit(setup, Map.of("invoice", "INV-E2", "amount", 9000), "ESCALATE")
                .path("escalation.id");
        List<String> people = List.of(
                "p1@example.com",
                "p2@example.com",
                "p3@example.com",
                "p4@example.com",
                "p5@example.com",
                "p6@example.com",
                "p7@example.com",
                "p8@example.com");
        ExecutorService pool = Executors.newFixedThreadPool(people.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (String person : people) {
                String token = Tokens.of(setup.tenant, person, Tokens.APPROVER);
                answers.add(pool.submit(() -> {
                    go.await();
                    return as(token)
                            .post("/api/v1/escalations/" + id + "/claim")
                            .statusCode();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnly(200, 409);
            assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        Response item = as(setup.admin).get("/api/v1/escalations/" + id);
        assertThat(item.<String>path("status")).isEqualTo("CLAIMED");
        assertThat(people).contains((String) item.path("assignee"));
    }

    @Test
    void anOutcomeNobodyKnowsIsLeftToAPersonWhoRejectsASecondSend() {
        PeopleSetup setup = setup();
        stub.tool("erp").dropAfterEffect(1);
        Response allowed = submit(setup, Map.of("invoice", "INV-E3", "amount", 50), "ALLOW");
        String envelopeId = allowed.path("envelopeId");
        setup.await(
                "/api/v1/envelopes/" + envelopeId,
                r -> "OUTCOME_UNKNOWN".equals(r.path("execution.status")),
                Duration.ofSeconds(20));
        Response queue = setup.await(
                "/api/v1/escalations?source=OUTCOME_UNKNOWN",
                r -> !r.<List<Object>>path("items").isEmpty(),
                Duration.ofSeconds(5));
        String id = queue.path("items[0].id");
        assertThat(queue.<String>path("items[0].envelopeId")).isEqualTo(envelopeId);
        assertThat(queue.<String>path("items[0].suggestedAction.resolution")).isEqualTo("REJECT");

        as(setup.bob).post("/api/v1/escalations/" + id + "/claim").then().statusCode(200);
        Response resolved = as(setup.bob)
                .body(Map.of("resolution", "REJECT", "reason", "the ERP shows the payment was made"))
                .post("/api/v1/escalations/" + id + "/resolve");
        assertThat(resolved.<String>path("status")).isEqualTo("RESOLVED");
        assertThat(stub.requests("erp").stream().filter(r -> r.body().contains("INV-E3")))
                .hasSize(1);
        Response examples = as(setup.admin).get("/api/v1/labelled-examples");
        assertThat(examples.<List<String>>path("items.humanAction")).containsExactly("REJECTED");
    }

    @Test
    void anItemReturnedToTheAgentCarriesGuidanceTheAgentSees() {
        PeopleSetup setup = setup();
        Response escalated = submit(setup, Map.of("invoice", "INV-E4", "amount", 6000), "ESCALATE");
        String id = escalated.path("escalation.id");
        as(setup.alice).post("/api/v1/escalations/" + id + "/claim").then().statusCode(200);
        Response noGuidance = as(setup.alice)
                .body(Map.of("resolution", "RETURN_TO_AGENT"))
                .post("/api/v1/escalations/" + id + "/resolve");
        assertThat(noGuidance.statusCode()).isEqualTo(400);
        Response returned = as(setup.alice)
                .body(Map.of("resolution", "RETURN_TO_AGENT", "reason", "split it into two payments under 5000"))
                .post("/api/v1/escalations/" + id + "/resolve");
        assertThat(returned.statusCode()).isEqualTo(200);
        Response seen = as(setup.agentToken).get("/api/v1/envelopes/" + escalated.path("envelopeId"));
        assertThat(seen.<String>path("escalations[0].resolution.resolution")).isEqualTo("RETURN_TO_AGENT");
        assertThat(seen.<String>path("escalations[0].resolution.reason")).contains("two payments");
        Response again =
                as(setup.alice).body(Map.of("resolution", "REJECT")).post("/api/v1/escalations/" + id + "/resolve");
        assertThat(again.statusCode()).isEqualTo(409);
    }

    @Test
    void anAgentUnsureBelowItsTaskTypesThresholdIsLeftToAPerson() {
        PeopleSetup setup = setup();
        Map<String, Object> careful = new HashMap<>(Map.of(
                "key", "pay-carefully",
                "workflow", "finance",
                "name", "Pay an invoice, carefully",
                "definition", "Pay a supplier invoice the agent is sure about",
                "successCriteria", "Paid once",
                "riskLevel", "HIGH",
                "allowedTools", List.of(Map.of("tool", "erp", "action", "*"))));
        careful.put("minConfidence", 1.5);
        assertThat(as(setup.admin).body(careful).post("/api/v1/task-types").statusCode())
                .isEqualTo(400);
        careful.put("minConfidence", 0.8);
        setup.post("/api/v1/task-types", careful);

        Map<String, Object> unsure = setup.payment(Map.of("invoice", "INV-E6", "amount", 50));
        unsure.put("taskType", "pay-carefully");
        unsure.put("confidence", 0.55);
        Response escalated = setup.submit(unsure);
        assertThat(escalated.<String>path("decision")).as(escalated.asString()).isEqualTo("ESCALATE");
        assertThat(escalated.<List<String>>path("reasons"))
                .containsExactly("LOW_CONFIDENCE: 0.55 is below the task type's 0.8");
        Response item = as(setup.alice).get("/api/v1/escalations/" + escalated.path("escalation.id"));
        assertThat(item.<String>path("source")).isEqualTo("LOW_CONFIDENCE");
        assertThat(item.<Number>path("context.confidence").floatValue()).isEqualTo(0.55f);

        Map<String, Object> silent = setup.payment(Map.of("invoice", "INV-E7", "amount", 50));
        silent.put("taskType", "pay-carefully");
        assertThat(setup.submit(silent).<List<String>>path("reasons"))
                .containsExactly("LOW_CONFIDENCE: no confidence reported; the task type asks for at least 0.8");

        Map<String, Object> sure = setup.payment(Map.of("invoice", "INV-E8", "amount", 50));
        sure.put("taskType", "pay-carefully");
        sure.put("confidence", 0.8);
        Response allowed = setup.submit(sure);
        assertThat(allowed.<String>path("decision")).as(allowed.asString()).isEqualTo("ALLOW");
        assertThat(as(setup.admin).get("/api/v1/task-types/pay-carefully").<Float>path("minConfidence"))
                .isEqualTo(0.8f);
    }

    @Test
    void badInputGetsAPreciseAnswerAndChangesNothing() {
        PeopleSetup setup = setup();
        String id = submit(setup, Map.of("invoice", "INV-E5", "amount", 7000), "ESCALATE")
                .path("escalation.id");
        as(setup.alice).post("/api/v1/escalations/" + id + "/claim").then().statusCode(200);
        String url = "/api/v1/escalations/" + id + "/resolve";

        assertThat(as(setup.alice).body(Map.of("resolution", "MAYBE")).post(url).statusCode())
                .isEqualTo(400);
        assertThat(as(setup.alice).body(Map.of()).post(url).statusCode()).isEqualTo(400);
        assertThat(as(setup.alice)
                        .body(Map.of("resolution", "EXECUTE", "arguments", Map.of("amount", 1)))
                        .post(url)
                        .statusCode())
                .isEqualTo(400);
        assertThat(as(setup.alice)
                        .body(Map.of("resolution", "EXECUTE_EDITED"))
                        .post(url)
                        .statusCode())
                .isEqualTo(400);
        Map<String, Object> deep = new HashMap<>();
        Map<String, Object> level = deep;
        for (int i = 0; i < 200; i++) {
            Map<String, Object> next = new HashMap<>();
            level.put("a", next);
            level = next;
        }
        assertThat(as(setup.alice)
                        .body(Map.of("resolution", "EXECUTE_EDITED", "arguments", deep))
                        .post(url)
                        .statusCode())
                .isEqualTo(400);
        assertThat(as(setup.alice)
                        .body("{\"resolution\": \"EXECUTE_EDITED\", \"arguments\": {\"amount\": 1e400}}")
                        .post(url)
                        .statusCode())
                .isEqualTo(400);
        assertThat(as(setup.alice)
                        .body("{\"resolution\": \"REJECT\", \"reason\": \"\\udc00\"}")
                        .post(url)
                        .statusCode())
                .isEqualTo(400);
        for (String query : List.of("status=DONE", "source=ELSEWHERE", "breached=1", "limit=-1", "cursor=abc")) {
            assertThat(as(setup.alice).get("/api/v1/escalations?" + query).statusCode())
                    .as(query)
                    .isEqualTo(400);
        }
        assertThat(as(setup.agentToken).get("/api/v1/escalations").statusCode()).isEqualTo(403);
        assertThat(as(setup.agentToken)
                        .post("/api/v1/escalations/" + id + "/claim")
                        .statusCode())
                .isEqualTo(403);
        String stranger = Tokens.of("t-other-tenant", "alice@example.com", Tokens.APPROVER);
        assertThat(as(stranger).get("/api/v1/escalations/" + id).statusCode()).isEqualTo(404);
        assertThat(as(stranger).post("/api/v1/escalations/" + id + "/claim").statusCode())
                .isEqualTo(404);
        assertThat(as(stranger).post("/api/v1/escalations/" + id + "/release").statusCode())
                .isEqualTo(404);
        assertThat(as(stranger)
                        .body(Map.of("resolution", "REJECT"))
                        .post("/api/v1/escalations/" + id + "/resolve")
                        .statusCode())
                .isEqualTo(404);
        assertThat(as(stranger)
                        .body(Map.of())
                        .post("/api/v1/escalations/" + id + "/check")
                        .statusCode())
                .isEqualTo(404);
        assertThat(as(setup.agentToken)
                        .body(Map.of())
                        .post("/api/v1/escalations/" + id + "/check")
                        .statusCode())
                .isEqualTo(403);
        // the live re-check of an edit decides without writing: the item stays as it was, nothing is labelled
        Response checked = as(setup.alice).body(Map.of()).post("/api/v1/escalations/" + id + "/check");
        assertThat(checked.statusCode()).as(checked.asString()).isEqualTo(200);
        assertThat(checked.<String>path("decision")).isNotBlank();
        assertThat(as(setup.alice)
                        .body(Map.of("arguments", "not an object"))
                        .post("/api/v1/escalations/" + id + "/check")
                        .statusCode())
                .isEqualTo(400);

        Response item = as(setup.admin).get("/api/v1/escalations/" + id);
        assertThat(item.<String>path("status")).isEqualTo("CLAIMED");
        assertThat(item.<String>path("assignee")).isEqualTo("alice@example.com");
        assertThat(as(setup.admin).get("/api/v1/labelled-examples").<List<Object>>path("items"))
                .isEmpty();
    }
}
