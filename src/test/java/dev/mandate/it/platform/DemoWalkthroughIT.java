package dev.mandate.it.platform;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The README's walk-through of the decision path on the demo tenant: every outcome, kill switch, explain, audit. */
class DemoWalkthroughIT extends MandateIT {

    private static final String INVOICE_CLERK = "00000000-de00-4000-8000-000000000003";
    private static final String PAYMENT_SCHEDULER = "00000000-de00-4000-8000-000000000004";
    private static final String TRIAGE_BOT = "00000000-de00-4000-8000-000000000001";

    private static String token(String subject, String group) {
        return Fixtures.devToken(BASE_URL, subject, group);
    }

    private static Response pay(String agent, double amount, List<String> labels) {
        return as(token(agent, "mandate-agent"))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of(
                        "agentId", agent,
                        "taskId", "inv-" + UUID.randomUUID(),
                        "taskType", "pay-invoice",
                        "requestedAction",
                                Map.of(
                                        "tool",
                                        "erp",
                                        "action",
                                        "pay_invoice",
                                        "arguments",
                                        Map.of("invoiceId", "INV-1", "amount", amount, "currency", "EUR")),
                        "evidence", List.of(Map.of("source", "erp", "excerpt", "INV-1 matches PO-77")),
                        "policyContext", Map.of("labels", labels),
                        "modelUsage", Map.of("model", "small", "calls", 1, "cost", 0.02)))
                .post("/api/v1/envelopes");
    }

    @Test
    void everyOutcomeOfTheDemoPolicies() {
        pay(INVOICE_CLERK, 500.5, List.of()).then().statusCode(200).body("decision", equalTo("ALLOW"));
        pay(INVOICE_CLERK, 12000.5, List.of())
                .then()
                .body("decision", equalTo("DENY"))
                .body("reasons[0]", startsWith("POLICY_DENY: payment-cap"));
        pay(INVOICE_CLERK, 2500.5, List.of())
                .then()
                .body("decision", equalTo("REQUIRE_APPROVAL"))
                .body("approverRoles", equalTo(List.of("finance-approver")));
        pay(INVOICE_CLERK, 700.5, List.of("fraud-suspected")).then().body("decision", equalTo("ESCALATE"));
        pay(INVOICE_CLERK, 60000.5, List.of())
                .then()
                .body("decision", equalTo("DENY"))
                .body("reasons[0]", startsWith("REFUSAL_CONDITION"));
        pay(PAYMENT_SCHEDULER, 500.5, List.of()).then().body("decision", equalTo("SHADOW"));
        // roles say what at all: the triage bot's roles permit no erp action
        pay(TRIAGE_BOT, 500.5, List.of())
                .then()
                .body("decision", equalTo("DENY"))
                .body("reasons[0]", equalTo("NOT_PERMITTED: erp:pay_invoice"));
        as(token(TRIAGE_BOT, "mandate-agent"))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of(
                        "agentId",
                        TRIAGE_BOT,
                        "taskId",
                        "ticket-1",
                        "taskType",
                        "triage-ticket",
                        "requestedAction",
                        Map.of(
                                "tool",
                                "ticketing",
                                "action",
                                "set_priority",
                                "arguments",
                                Map.of("ticketId", "T-1", "priority", "P2"))))
                .post("/api/v1/envelopes")
                .then()
                .body("decision", equalTo("ALLOW"));
    }

    @Test
    void killSwitchExplainAndAudit() {
        String admin = token("walkthrough@demo.example", "mandate-admin");
        try {
            as(admin)
                    .body(Map.of("scope", "TOOL", "target", "erp", "active", true, "reason", "ERP incident"))
                    .put("/api/v1/kill-switches")
                    .then()
                    .statusCode(200);
            String denied = pay(INVOICE_CLERK, 500.5, List.of())
                    .then()
                    .body("decision", equalTo("DENY"))
                    .body("reasons[0]", startsWith("KILL_SWITCH: TOOL erp"))
                    .extract()
                    .path("envelopeId");
            as(admin)
                    .get("/api/v1/envelopes/" + denied + "/explain")
                    .then()
                    .statusCode(200)
                    .body("explanation.facts.killSwitch", startsWith("TOOL erp (ERP incident"));
        } finally {
            as(admin)
                    .body(Map.of("scope", "TOOL", "target", "erp", "active", false, "reason", "resolved"))
                    .put("/api/v1/kill-switches")
                    .then()
                    .statusCode(200);
        }
        pay(INVOICE_CLERK, 500.5, List.of()).then().body("decision", equalTo("ALLOW"));
        as(admin)
                .get("/api/v1/agents/" + INVOICE_CLERK + "/card")
                .then()
                .statusCode(200)
                .body(
                        "taskTypes.find { it.key == 'pay-invoice' }.actions.find { it.action == 'pay_invoice' }.tier",
                        equalTo("AUTONOMOUS"))
                .body(
                        "taskTypes.find { it.key == 'pay-invoice' }.actions.find { it.action == 'pay_invoice' }.permittedBy",
                        equalTo(List.of("ap-payer")));
        as(admin).get("/api/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));
    }
}
