package dev.mandate.it.people;

import static dev.mandate.it.people.PeopleSetup.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.execution.StubToolServer;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A payment needs a finance approver: approving executes exactly the arguments the request is bound to,
 * once, whoever clicks how often; the wrong people are refused; requests nobody decides expire as their SLA
 * class says; every judgement is audited and kept as a labelled example.
 */
class ApprovalsIT extends MandateIT {

    private static StubToolServer stub;

    @BeforeAll
    static void start() {
        stub = StubToolServer.start();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @Test
    void aPaymentApprovedByAFinanceApproverExecutesOnceWithExactlyItsArguments() {
        PeopleSetup setup = new PeopleSetup(stub);
        Response requested = setup.requestPayment(Map.of("invoice", "INV-1", "amount", 420));
        String id = requested.path("approval.id");
        assertThat(requested.<String>path("approval.status")).isEqualTo("PENDING");
        assertThat(requested.<List<String>>path("approval.approverRoles")).containsExactly("finance-approver");
        assertThat(requested.<String>path("approval.argumentsHash")).hasSize(64);
        assertThat(requested.<String>path("approval.dueAt")).isNotBlank();

        Response inbox = as(setup.alice).get("/api/v1/approvals");
        assertThat(inbox.statusCode()).as(inbox.asString()).isEqualTo(200);
        assertThat(inbox.<List<String>>path("items.id")).containsExactly(id);
        Response forCarol = as(setup.carol).get("/api/v1/approvals");
        assertThat(forCarol.<List<String>>path("items")).isEmpty();

        Response pack = as(setup.alice).get("/api/v1/approvals/" + id);
        assertThat(pack.statusCode()).as(pack.asString()).isEqualTo(200);
        assertThat(pack.<String>path("context.action")).contains("payments-bot", "erp:pay", "MONEY_MOVEMENT");
        assertThat(pack.<Integer>path("context.arguments.amount")).isEqualTo(420);
        assertThat(pack.<String>path("context.evidence[0].citationUri")).contains("INV-1");
        assertThat(pack.<List<String>>path("context.rules.reasons"))
                .anySatisfy(r -> assertThat(r).startsWith("BLAST_RADIUS"));
        assertThat(pack.<String>path("context.authorityCard.agent.name")).isEqualTo("payments-bot");
        assertThat(pack.<String>path("context.recentHistory.taskType")).isEqualTo("pay-invoice");
        assertThat(pack.<String>path("suggestion.decision")).isIn("APPROVE", "REJECT", "REVIEW");
        assertThat(pack.<String>path("suggestion.reason")).isNotBlank();
        assertThat(stub.requests("erp").stream().filter(r -> r.body().contains("INV-1")))
                .isEmpty();

        Response approved = as(setup.alice)
                .body(Map.of(
                        "reason", "invoice matches the PO", "argumentsHash", requested.path("approval.argumentsHash")))
                .post("/api/v1/approvals/" + id + "/approve");
        assertThat(approved.statusCode()).as(approved.asString()).isEqualTo(200);
        assertThat(approved.<String>path("status")).isEqualTo("APPROVED");
        assertThat(approved.<String>path("decidedBy")).isEqualTo("alice@example.com");
        assertThat(approved.<String>path("execution.status")).isEqualTo("SUCCEEDED");
        assertThat(stub.requests("erp").stream().filter(r -> r.body().contains("INV-1")))
                .singleElement()
                .satisfies(r -> assertThat(r.body()).contains("\"amount\":420"));

        Response envelope = as(setup.agentToken).get("/api/v1/envelopes/" + requested.path("envelopeId"));
        assertThat(envelope.<String>path("approval.status")).isEqualTo("APPROVED");
        assertThat(envelope.<String>path("execution.status")).isEqualTo("SUCCEEDED");
        Response explain = as(setup.admin).get("/api/v1/envelopes/" + requested.path("envelopeId") + "/explain");
        assertThat(explain.<String>path("approval.votes[0].by")).isEqualTo("alice@example.com");
        assertThat(explain.<String>path("approval.votes[0].reason")).isEqualTo("invoice matches the PO");

        Response examples = as(setup.admin).get("/api/v1/labelled-examples");
        assertThat(examples.<List<String>>path("items.humanAction")).containsExactly("APPROVED");
        assertThat(examples.<String>path("items[0].machineDecision")).isEqualTo("REQUIRE_APPROVAL");
        assertThat(examples.<Integer>path("items[0].input.requestedAction.arguments.amount"))
                .isEqualTo(420);
        assertThat(examples.<String>path("items[0].reason")).isEqualTo("invoice matches the PO");
        Response audit = as(setup.admin).get("/api/v1/audit/records?action=approval.approved");
        assertThat(audit.<List<String>>path("items.actor")).containsExactly("alice@example.com");
    }

    @Test
    void manyApprovalsAtTheSameInstantExecuteOnce() throws Exception {
        PeopleSetup setup = new PeopleSetup(stub);
        Response requested = setup.requestPayment(Map.of("invoice", "INV-2", "amount", 77));
        String id = requested.path("approval.id");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                String token = i % 2 == 0 ? setup.alice : setup.bob;
                Callable<Integer> approve = () -> {
                    go.await();
                    return as(token)
                            .post("/api/v1/approvals/" + id + "/approve")
                            .statusCode();
                };
                answers.add(pool.submit(approve));
            }
            go.countDown();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isIn(200, 409);
            }
        } finally {
            pool.shutdownNow();
        }
        setup.await(
                "/api/v1/envelopes/" + requested.path("envelopeId"),
                r -> "SUCCEEDED".equals(r.path("execution.status")),
                Duration.ofSeconds(10));
        assertThat(stub.requests("erp").stream().filter(r -> r.body().contains("INV-2")))
                .hasSize(1);
        Response approval = as(setup.admin).get("/api/v1/approvals/" + id);
        assertThat(approval.<String>path("status")).isEqualTo("APPROVED");
        assertThat(approval.<Integer>path("approvals")).isEqualTo(1);
    }

    @Test
    void twoOfThreeNeedsTwoDistinctPeopleAndTheSamePersonTwiceCountsOnce() {
        PeopleSetup setup = new PeopleSetup(stub);
        setup.policy("risk-class:MONEY_MOVEMENT", Map.of("requiredApprovals", 2));
        Response requested = setup.requestPayment(Map.of("invoice", "INV-3", "amount", 900));
        String id = requested.path("approval.id");
        assertThat(requested.<Integer>path("approval.requiredApprovals")).isEqualTo(2);

        Response first = as(setup.alice).post("/api/v1/approvals/" + id + "/approve");
        assertThat(first.<String>path("status")).isEqualTo("PENDING");
        assertThat(first.<Integer>path("approvals")).isEqualTo(1);
        Response again = as(setup.alice).post("/api/v1/approvals/" + id + "/approve");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.<Boolean>path("repeated")).isTrue();
        assertThat(again.<String>path("status")).isEqualTo("PENDING");
        assertThat(again.<Integer>path("approvals")).isEqualTo(1);
        assertThat(stub.requests("erp").stream().filter(r -> r.body().contains("INV-3")))
                .isEmpty();

        Response second = as(setup.bob).post("/api/v1/approvals/" + id + "/approve");
        assertThat(second.<String>path("status")).isEqualTo("APPROVED");
        assertThat(second.<List<String>>path("votes.by")).containsExactly("alice@example.com", "bob@example.com");
        assertThat(second.<String>path("execution.status")).isEqualTo("SUCCEEDED");
        assertThat(stub.requests("erp").stream().filter(r -> r.body().contains("INV-3")))
                .hasSize(1);
    }

    @Test
    void theAgentTheSponsorWhereBarredTheWrongRoleAndOtherTenantsAreRefused() {
        PeopleSetup setup = new PeopleSetup(stub);
        setup.policy("task-type:pay-invoice", Map.of("requiredApprovals", 1, "sponsorMayApprove", false));
        Response requested = setup.requestPayment(Map.of("invoice", "INV-4", "amount", 10));
        String id = requested.path("approval.id");

        Response byAgent = as(setup.agentToken).post("/api/v1/approvals/" + id + "/approve");
        assertThat(byAgent.statusCode()).isEqualTo(403);
        String agentAsApprover = Tokens.of(setup.tenant, setup.agent, Tokens.APPROVER);
        Response agentWithApproverGroup = as(agentAsApprover).post("/api/v1/approvals/" + id + "/approve");
        assertThat(agentWithApproverGroup.statusCode()).isEqualTo(403);
        assertThat(agentWithApproverGroup.<String>path("detail")).contains("requesting agent");

        Response bySponsor = as(setup.sponsor).post("/api/v1/approvals/" + id + "/approve");
        assertThat(bySponsor.statusCode()).isEqualTo(403);
        assertThat(bySponsor.<String>path("detail")).contains("sponsor");
        assertThat(as(setup.sponsor).get("/api/v1/approvals").<List<String>>path("items"))
                .isEmpty();

        Response byCarol = as(setup.carol).post("/api/v1/approvals/" + id + "/approve");
        assertThat(byCarol.statusCode()).isEqualTo(403);
        assertThat(byCarol.<String>path("detail")).contains("finance-approver");

        String stranger = Tokens.of("t-other-tenant", "alice@example.com", Tokens.APPROVER);
        assertThat(as(stranger).post("/api/v1/approvals/" + id + "/approve").statusCode())
                .isEqualTo(404);
        assertThat(as(stranger).get("/api/v1/approvals/" + id).statusCode()).isEqualTo(404);
        assertThat(as(stranger).post("/api/v1/approvals/" + id + "/reject").statusCode())
                .isEqualTo(404);
        String otherAdmin = Tokens.admin("t-other-tenant");
        assertThat(as(otherAdmin).get("/api/v1/approvals/" + id).statusCode()).isEqualTo(404);

        Response still = as(setup.admin).get("/api/v1/approvals/" + id);
        assertThat(still.<String>path("status")).isEqualTo("PENDING");
        assertThat(still.<List<Object>>path("votes")).isEmpty();
        assertThat(stub.requests("erp").stream().filter(r -> r.body().contains("INV-4")))
                .isEmpty();
    }

    @Test
    void changedArgumentsAreNotApprovedAndARejectionGivesTheBudgetBack() {
        PeopleSetup setup = new PeopleSetup(stub);
        Response budget = as(setup.admin)
                .body(Map.of("scope", "TENANT", "period", "DAY", "maxCost", 100))
                .put("/api/v1/budgets");
        assertThat(budget.statusCode()).as(budget.asString()).isEqualTo(200);
        Map<String, Object> payment = setup.payment(Map.of("invoice", "INV-5", "amount", 5));
        payment.put("modelUsage", Map.of("model", "m", "calls", 1, "cost", 30));
        Response requested = setup.submit(payment);
        assertThat(requested.<String>path("decision")).isEqualTo("REQUIRE_APPROVAL");
        String id = requested.path("approval.id");
        assertThat(as(setup.admin)
                        .get("/api/v1/budgets")
                        .<Number>path("[0].heldForApproval")
                        .intValue())
                .isEqualTo(30);

        String otherHash = "0".repeat(64);
        Response edited =
                as(setup.alice).body(Map.of("argumentsHash", otherHash)).post("/api/v1/approvals/" + id + "/approve");
        assertThat(edited.statusCode()).isEqualTo(409);
        assertThat(edited.<String>path("detail")).contains("new request");
        assertThat(as(setup.admin).get("/api/v1/approvals/" + id).<String>path("status"))
                .isEqualTo("PENDING");

        Response rejected =
                as(setup.bob).body(Map.of("reason", "duplicate invoice")).post("/api/v1/approvals/" + id + "/reject");
        assertThat(rejected.statusCode()).as(rejected.asString()).isEqualTo(200);
        assertThat(rejected.<String>path("status")).isEqualTo("REJECTED");
        Response budgets = as(setup.admin).get("/api/v1/budgets");
        assertThat(budgets.<Number>path("[0].heldForApproval").intValue()).isEqualTo(0);
        assertThat(budgets.<Number>path("[0].remaining").intValue()).isEqualTo(100);

        Response late = as(setup.alice).post("/api/v1/approvals/" + id + "/approve");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.<String>path("detail")).contains("REJECTED");
        assertThat(stub.requests("erp").stream().filter(r -> r.body().contains("INV-5")))
                .isEmpty();
        Response examples = as(setup.admin).get("/api/v1/labelled-examples?source=APPROVAL");
        assertThat(examples.<List<String>>path("items.humanAction")).containsExactly("REJECTED");
        assertThat(examples.<String>path("items[0].reason")).isEqualTo("duplicate invoice");
    }

    @Test
    void anApprovalWhileTheKillSwitchIsOnExecutesNothingAndSaysWhy() {
        PeopleSetup setup = new PeopleSetup(stub);
        Response requested = setup.requestPayment(Map.of("invoice", "INV-6", "amount", 50));
        String id = requested.path("approval.id");
        killSwitch(setup, true);

        Response refused = as(setup.alice).post("/api/v1/approvals/" + id + "/approve");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.<String>path("detail")).startsWith("KILL_SWITCH").contains("nothing executed");
        assertThat(as(setup.admin).get("/api/v1/approvals/" + id).<String>path("status"))
                .isEqualTo("PENDING");
        assertThat(stub.requests("erp").stream().filter(r -> r.body().contains("INV-6")))
                .isEmpty();

        killSwitch(setup, false);
        Response approved = as(setup.alice).post("/api/v1/approvals/" + id + "/approve");
        assertThat(approved.<String>path("execution.status")).isEqualTo("SUCCEEDED");
    }

    @Test
    void aRequestNobodyDecidesExpiresIntoTheQueueAndItsBudgetIsReleased() {
        PeopleSetup setup = new PeopleSetup(stub);
        setup.slaClass("two-seconds", Map.of("decideWithinSeconds", 2, "warnBeforeSeconds", 1, "onExpiry", "QUEUE"));
        setup.policy("default", Map.of("requiredApprovals", 1, "slaClass", "two-seconds"));
        Response requested = setup.requestPayment(Map.of("invoice", "INV-7", "amount", 70));
        String id = requested.path("approval.id");
        assertThat(requested.<String>path("approval.slaClass")).isEqualTo("two-seconds");

        Response expired =
                setup.await("/api/v1/approvals/" + id, r -> "EXPIRED".equals(r.path("status")), Duration.ofSeconds(15));
        assertThat(expired.<String>path("decidedBy")).isEqualTo("mandate-sla");
        Response late = as(setup.alice).post("/api/v1/approvals/" + id + "/approve");
        assertThat(late.statusCode()).isEqualTo(409);

        Response queue = as(setup.alice).get("/api/v1/escalations?source=APPROVAL_EXPIRED");
        assertThat(queue.<List<String>>path("items.envelopeId")).containsExactly((String) requested.path("envelopeId"));
        String item = queue.path("items[0].id");
        as(setup.alice).post("/api/v1/escalations/" + item + "/claim").then().statusCode(200);
        Response resolved = as(setup.alice)
                .body(Map.of("resolution", "EXECUTE", "reason", "the supplier confirmed by phone"))
                .post("/api/v1/escalations/" + item + "/resolve");
        assertThat(resolved.statusCode()).as(resolved.asString()).isEqualTo(200);
        assertThat(resolved.<String>path("execution.status")).isEqualTo("SUCCEEDED");
        assertThat(stub.requests("erp").stream().filter(r -> r.body().contains("INV-7")))
                .hasSize(1);
        Response audit = as(setup.admin).get("/api/v1/audit/records?action=approval.expired");
        assertThat(audit.<List<String>>path("items.actor")).containsExactly("mandate-sla");
    }

    @Test
    void pastItsDueTimeARequestGoesToTheFallbackApprovers() {
        PeopleSetup setup = new PeopleSetup(stub);
        setup.carolIsController();
        setup.slaClass(
                "to-controller",
                Map.of(
                        "decideWithinSeconds", 2,
                        "warnBeforeSeconds", 1,
                        "onExpiry", "FALLBACK",
                        "fallbackRoles", List.of("controller"),
                        "fallbackWithinSeconds", 60));
        setup.policy("rule:none-fired", Map.of("requiredApprovals", 1, "slaClass", "urgent"));
        setup.policy("task-type:pay-invoice", Map.of("requiredApprovals", 1, "slaClass", "to-controller"));
        Response requested = setup.requestPayment(Map.of("invoice", "INV-8", "amount", 800));
        String id = requested.path("approval.id");
        assertThat(as(setup.carol).post("/api/v1/approvals/" + id + "/approve").statusCode())
                .isEqualTo(403);

        setup.await(
                "/api/v1/approvals/" + id,
                r -> Boolean.TRUE.equals(r.path("withFallbackApprovers")),
                Duration.ofSeconds(15));
        Response approved = as(setup.carol).post("/api/v1/approvals/" + id + "/approve");
        assertThat(approved.statusCode()).as(approved.asString()).isEqualTo(200);
        assertThat(approved.<String>path("status")).isEqualTo("APPROVED");
        assertThat(approved.<String>path("votes[0].role")).isEqualTo("controller");
    }

    @Test
    void badInputGetsAPreciseAnswerAndChangesNothing() {
        PeopleSetup setup = new PeopleSetup(stub);
        Response requested = setup.requestPayment(Map.of("invoice", "INV-9", "amount", 90));
        String id = requested.path("approval.id");

        assertThat(as(setup.alice).post("/api/v1/approvals/no-such-id/approve").statusCode())
                .isEqualTo(404);
        Response malformed = as(setup.alice).body("{\"reason\": ").post("/api/v1/approvals/" + id + "/approve");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        Response unknown = as(setup.alice).body(Map.of("reasons", "x")).post("/api/v1/approvals/" + id + "/approve");
        assertThat(unknown.statusCode()).isEqualTo(400);
        Response longReason =
                as(setup.alice).body(Map.of("reason", "x".repeat(2001))).post("/api/v1/approvals/" + id + "/approve");
        assertThat(longReason.statusCode()).isEqualTo(400);
        Response badHash =
                as(setup.alice).body(Map.of("argumentsHash", "zz")).post("/api/v1/approvals/" + id + "/approve");
        assertThat(badHash.statusCode()).isEqualTo(400);
        Response nul = as(setup.alice).body("{\"reason\": \"a\\u0000b\"}").post("/api/v1/approvals/" + id + "/approve");
        assertThat(nul.statusCode()).isEqualTo(400);
        Response surrogate =
                as(setup.alice).body("{\"reason\": \"\\ud800\"}").post("/api/v1/approvals/" + id + "/approve");
        assertThat(surrogate.statusCode()).isEqualTo(400);
        for (String query : List.of(
                "status=MAYBE",
                "limit=0",
                "limit=99999999999",
                "cursor=%%%",
                "breached=yes",
                "cursor=" + "A".repeat(300))) {
            Response list = as(setup.alice).get("/api/v1/approvals?" + query);
            assertThat(list.statusCode()).as(query + ": " + list.asString()).isEqualTo(400);
        }
        assertThat(as(setup.agentToken).get("/api/v1/approvals").statusCode()).isEqualTo(403);

        Response policy = as(setup.admin)
                .body(Map.of("requiredApprovals", 11))
                .put("/api/v1/approval-policies/risk-class:MONEY_MOVEMENT");
        assertThat(policy.statusCode()).isEqualTo(400);
        Response selector = as(setup.admin)
                .body(Map.of("requiredApprovals", 1))
                .put("/api/v1/approval-policies/risk-class:NOT_A_CLASS");
        assertThat(selector.statusCode()).isEqualTo(400);
        Response sla = as(setup.admin)
                .body(Map.of("decideWithinSeconds", 10, "onExpiry", "FALLBACK"))
                .put("/api/v1/sla-classes/no-fallback");
        assertThat(sla.statusCode()).isEqualTo(400);
        Response hugeSla = as(setup.admin)
                .body("{\"decideWithinSeconds\": 1e400, \"onExpiry\": \"DENY\"}")
                .put("/api/v1/sla-classes/huge");
        assertThat(hugeSla.statusCode()).isEqualTo(400);
        Response notAdmin =
                as(setup.alice).body(Map.of("requiredApprovals", 1)).put("/api/v1/approval-policies/default");
        assertThat(notAdmin.statusCode()).isEqualTo(403);

        Response still = as(setup.admin).get("/api/v1/approvals/" + id);
        assertThat(still.<String>path("status")).isEqualTo("PENDING");
        assertThat(still.<List<Object>>path("votes")).isEmpty();
        assertThat(as(setup.admin).get("/api/v1/approval-policies").<List<Object>>path("$"))
                .isEmpty();
    }

    @Test
    void theListIsPagedByAStableCursor() {
        PeopleSetup setup = new PeopleSetup(stub);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(setup.requestPayment(Map.of("invoice", "INV-P" + i, "amount", i + 1))
                    .path("approval.id"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Response page =
                    as(setup.alice).get("/api/v1/approvals?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
            if (seen.size() == 2) {
                setup.requestPayment(Map.of("invoice", "INV-late", "amount", 1));
            }
        } while (cursor != null);
        assertThat(seen).startsWith(ids.get(0), ids.get(1)).containsAll(ids).doesNotHaveDuplicates();
    }

    private static void killSwitch(PeopleSetup setup, boolean active) {
        Response response = as(setup.admin)
                .body(Map.of("scope", "TENANT", "active", active, "reason", "payments incident"))
                .put("/api/v1/kill-switches");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    }
}
