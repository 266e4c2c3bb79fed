package dev.mandate.it.decision;

import static dev.mandate.it.decision.DecisionSetup.envelope;
import static dev.mandate.it.decision.DecisionSetup.pay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CEL policy rules inside the decision path: each effect, fail-closed errors, and the audit record. */
class PolicyDecisionIT extends MandateIT {

    private static DecisionSetup setup;

    @BeforeAll
    static void rules() {
        setup = new DecisionSetup();
        Fixtures.policyRule(
                setup.admin,
                "cap-10000",
                Map.of("kind", "AMOUNT_CAP", "params", Map.of("path", "amount", "max", 10000), "effect", "DENY"));
        Fixtures.policyRule(
                setup.admin,
                "fraud-label",
                Map.of(
                        "kind", "EXPRESSION",
                        "expression", "has(context.labels) && context.labels.exists(l, l == 'fraud-suspected')",
                        "effect", "ESCALATE",
                        "reason", "a classifier suspects fraud: a person must look"));
        Fixtures.policyRule(
                setup.admin,
                "small-payments-autonomous",
                Map.of(
                        "kind", "EXPRESSION",
                        "expression", "task.tool == 'erp' && task.action == 'pay' && args.amount <= 100.0",
                        "effect", "ALLOW",
                        "reason", "payments up to 100 need no approval"));
        Fixtures.policyRule(
                setup.admin,
                "mid-payments-controller",
                Map.of(
                        "kind", "EXPRESSION",
                        "expression", "task.action == 'pay' && args.amount > 5000.0",
                        "effect", "REQUIRE_APPROVAL",
                        "approverRole", "finance-approver",
                        "reason", "payments above 5000 need the controller"));
    }

    @Test
    void anAmountCapDeniesNamingTheRule() {
        setup.submit(
                        "EXECUTE_WITH_APPROVAL",
                        envelope(setup.agent("EXECUTE_WITH_APPROVAL"), "pay-invoice", "erp", "pay", pay(20000.5)))
                .then()
                .statusCode(200)
                .body("decision", equalTo("DENY"))
                .body("reasons[0]", startsWith("POLICY_DENY: cap-10000"))
                .body("ruleIds", hasItem("cap-10000"))
                .body("policyVersion", not(equalTo("0")));
    }

    @Test
    void aClassifierLabelEscalatesThroughARuleNeverByItself() {
        Map<String, Object> body = envelope(setup.agent("AUTONOMOUS"), "pay-invoice", "erp", "match_po", Map.of());
        body.put("policyContext", Map.of("labels", List.of("fraud-suspected")));
        setup.submit("AUTONOMOUS", body)
                .then()
                .body("decision", equalTo("ESCALATE"))
                .body("reasons[0]", startsWith("POLICY_ESCALATE: fraud-label"));
        body.put("policyContext", Map.of("labels", List.of("routine")));
        setup.submit("AUTONOMOUS", body).then().body("decision", equalTo("ALLOW"));
    }

    @Test
    void anExplicitAllowLiftsTheBlastRadiusApprovalAndOnlyWhereItSaysSo() {
        setup.submit("AUTONOMOUS", envelope(setup.agent("AUTONOMOUS"), "pay-invoice", "erp", "pay", pay(50.5)))
                .then()
                .body("decision", equalTo("ALLOW"))
                .body("ruleIds", equalTo(List.of("small-payments-autonomous")));
        setup.submit("AUTONOMOUS", envelope(setup.agent("AUTONOMOUS"), "pay-invoice", "erp", "pay", pay(500.5)))
                .then()
                .body("decision", equalTo("REQUIRE_APPROVAL"))
                .body("reasons[0]", startsWith("BLAST_RADIUS"));
        // a policy ALLOW does not lift a tier's ceiling
        setup.submit("SUGGEST_ONLY", envelope(setup.agent("SUGGEST_ONLY"), "pay-invoice", "erp", "pay", pay(50.5)))
                .then()
                .body("decision", equalTo("REQUIRE_APPROVAL"));
    }

    @Test
    void aRequireApprovalRuleNamesItsApprover() {
        setup.submit("AUTONOMOUS", envelope(setup.agent("AUTONOMOUS"), "pay-invoice", "erp", "pay", pay(6000.5)))
                .then()
                .body("decision", equalTo("REQUIRE_APPROVAL"))
                .body("reasons", hasItem(startsWith("POLICY_REQUIRES_APPROVAL: mid-payments-controller")))
                .body("approverRoles", equalTo(List.of("finance-approver")));
    }

    @Test
    void aRuleThatFailsToEvaluateDeniesNamingTheError() {
        DecisionSetup broken = new DecisionSetup();
        Fixtures.policyRule(
                broken.admin,
                "needs-a-field",
                Map.of("kind", "EXPRESSION", "expression", "args.purchaseOrder.approved == true", "effect", "ALLOW"));
        broken.submit("AUTONOMOUS", envelope(broken.agent("AUTONOMOUS"), "pay-invoice", "erp", "match_po", Map.of()))
                .then()
                .body("decision", equalTo("DENY"))
                .body("reasons[0]", startsWith("POLICY_DENY: needs-a-field: RULE_ERROR"));
    }

    @Test
    void everyDecisionIsAuditedWithItsRulesAndPolicyVersion() {
        Response decided = setup.submit(
                "EXECUTE_WITH_APPROVAL",
                envelope(
                        setup.agent("EXECUTE_WITH_APPROVAL"),
                        "pay-invoice",
                        "erp",
                        "pay",
                        Map.of("invoiceId", "INV-9", "amount", 20000.5, "note", "pay jane.doe@example.com")));
        String traceId = decided.path("traceId");
        String auditor = Tokens.of(setup.tenant, "auditor", Tokens.AUDITOR);
        Response records = as(auditor).get("/api/v1/audit/records?traceId=" + traceId);
        records.then().statusCode(200);
        String body = records.asString();
        assertThat(body).contains("envelope.decided", "cap-10000", "DENY", decided.<String>path("policyVersion"));
        assertThat(body).doesNotContain("jane.doe@example.com");
        as(auditor).get("/api/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void aRejectedEnvelopeIsAuditedToo() {
        Map<String, Object> invalid =
                envelope(setup.agent("AUTONOMOUS"), "pay-invoice", "erp", "pay", Map.of("invoiceId", "X"));
        setup.submit("AUTONOMOUS", invalid).then().statusCode(422);
        String auditor = Tokens.of(setup.tenant, "auditor", Tokens.AUDITOR);
        assertThat(as(auditor)
                        .get("/api/v1/audit/records?action=envelope.rejected")
                        .asString())
                .contains("envelope.rejected", "urn:mandate:problem:unprocessable");
    }

    @Test
    void whatIfRunsADraftAgainstRecentEnvelopesAndChangesNothing() {
        setup.submit("AUTONOMOUS", envelope(setup.agent("AUTONOMOUS"), "pay-invoice", "erp", "pay", pay(50.5)))
                .then()
                .body("decision", equalTo("ALLOW"));
        long envelopes = dev.mandate.it.support.Database.rows("envelope", setup.tenant);
        String policyVersion = as(setup.admin).get("/api/v1/policies").<String>path("policyVersion");
        Response whatIf = as(setup.admin)
                .body(Map.of(
                        "rule",
                        Map.of(
                                "ruleId",
                                "draft-cap-10",
                                "name",
                                "stricter",
                                "kind",
                                "AMOUNT_CAP",
                                "params",
                                Map.of("path", "amount", "max", 10),
                                "effect",
                                "DENY"),
                        "recent",
                        20))
                .post("/api/v1/policies/what-if");
        whatIf.then().statusCode(200);
        assertThat(whatIf.<List<String>>path("envelopeIds")).isNotEmpty();
        assertThat(whatIf.<Integer>path("changed")).isPositive();
        assertThat(dev.mandate.it.support.Database.rows("envelope", setup.tenant))
                .isEqualTo(envelopes);
        assertThat(as(setup.admin).get("/api/v1/policies").<String>path("policyVersion"))
                .isEqualTo(policyVersion);
        as(setup.admin).get("/api/v1/policies/rules/draft-cap-10").then().statusCode(404);
        as(setup.admin)
                .body(Map.of(
                        "rule",
                        Map.of(
                                "ruleId",
                                "x",
                                "name",
                                "x",
                                "kind",
                                "EXPRESSION",
                                "expression",
                                "true",
                                "effect",
                                "DENY")))
                .post("/api/v1/policies/what-if")
                .then()
                .statusCode(400);
    }
}
