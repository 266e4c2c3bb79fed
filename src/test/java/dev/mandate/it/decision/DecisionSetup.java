package dev.mandate.it.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.Tokens;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant with an ERP and a ticketing tool, an accounts-payable workflow with task types, a finance
 * approver role and agents of every tier, set up through the public API. Every agent holds the role
 * {@code ap-agent}, which permits every action of both tools (least privilege is tested on its own, in
 * {@code LeastPrivilegeIT}).
 */
final class DecisionSetup {

    final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 13);
    final String admin = Tokens.admin(tenant);
    final Map<String, String> agents = new HashMap<>();
    /** The role that permits every action of erp and ticketing, held by every agent created here. */
    final String agentRole;

    private static final String MandateIT_BASE = System.getProperty("mandate.it.base-url", "http://127.0.0.1:28080");

    DecisionSetup() {
        post(
                "/api/v1/tools",
                Map.of(
                        "key", "erp",
                        "name", "ERP",
                        "actions",
                                List.of(
                                        action(
                                                "read_invoice",
                                                "READ",
                                                Map.of(
                                                        "type", "object",
                                                        "required", List.of("invoiceId"),
                                                        "properties", Map.of("invoiceId", Map.of("type", "string")))),
                                        action("match_po", "WRITE", Map.of("type", "object")),
                                        action(
                                                "pay",
                                                "MONEY_MOVEMENT",
                                                Map.of(
                                                        "type",
                                                        "object",
                                                        "required",
                                                        List.of("invoiceId", "amount"),
                                                        "additionalProperties",
                                                        false,
                                                        "properties",
                                                        Map.of(
                                                                "invoiceId", Map.of("type", "string"),
                                                                "amount", Map.of("type", "number", "minimum", 0),
                                                                "note", Map.of("type", "string"),
                                                                "details", Map.of("type", "object")))))));
        post(
                "/api/v1/tools",
                Map.of(
                        "key", "ticketing",
                        "name", "Ticketing",
                        "actions", List.of(action("close", "WRITE", Map.of("type", "object")))));
        post("/api/v1/workflows", Map.of("key", "accounts-payable", "name", "Accounts payable"));
        post(
                "/api/v1/task-types",
                Map.of(
                        "key", "pay-invoice",
                        "workflow", "accounts-payable",
                        "name", "Pay an approved invoice",
                        "definition", "Pay a supplier invoice that matches its purchase order",
                        "successCriteria", "Paid once, correct amount, to the supplier of record",
                        "riskLevel", "HIGH",
                        "allowedTools", List.of(Map.of("tool", "erp", "action", "*")),
                        "refusalConditions",
                                List.of(Map.of(
                                        "fieldPath", "requestedAction.arguments.amount",
                                        "operator", "GREATER_THAN",
                                        "operand", "50000",
                                        "reason", "amounts over 50,000 are paid by treasury"))));
        post(
                "/api/v1/task-types",
                Map.of(
                        "key", "small-task",
                        "workflow", "accounts-payable",
                        "name", "Bounded task",
                        "definition", "A task with a per-request tool-call limit",
                        "successCriteria", "Stays within two calls",
                        "riskLevel", "LOW",
                        "allowedTools", List.of(Map.of("tool", "erp", "action", "match_po")),
                        "limits", Map.of("maxToolCalls", 2)));
        post(
                "/api/v1/roles",
                Map.of(
                        "name",
                        "finance-approver",
                        "approver",
                        true,
                        "permissions",
                        List.of(Map.of("tool", "erp", "action", "pay"))));
        agentRole = post(
                        "/api/v1/roles",
                        Map.of(
                                "name",
                                "ap-agent",
                                "approver",
                                false,
                                "permissions",
                                List.of(
                                        Map.of("tool", "erp", "action", "*"),
                                        Map.of("tool", "ticketing", "action", "*"))))
                .path("id");
        for (String tier : List.of("READ_ONLY", "SUGGEST_ONLY", "EXECUTE_WITH_APPROVAL", "AUTONOMOUS")) {
            String id = post(
                            "/api/v1/agents",
                            Map.of(
                                    "name",
                                    tier.toLowerCase().replace('_', '-') + "-bot",
                                    "sponsor",
                                    "owner@example.com",
                                    "defaultTier",
                                    tier,
                                    "workflow",
                                    "accounts-payable"))
                    .path("id");
            agents.put(tier, id);
            permit(id);
        }
    }

    /** Gives the agent {@link #agentRole}; returns the assignment's id. */
    String permit(String agentId) {
        return post(
                        "/api/v1/roles/" + agentRole + "/assignments",
                        Map.of("principalType", "AGENT", "principal", agentId))
                .path("id");
    }

    static Map<String, Object> action(String key, String risk, Map<String, Object> schema) {
        return Map.of("key", key, "riskClass", risk, "argumentSchema", schema);
    }

    Response post(String path, Object body) {
        Response response = RestAssured.given()
                .baseUri(MandateIT_BASE)
                .contentType("application/json")
                .header("Authorization", "Bearer " + admin)
                .body(body)
                .post(path);
        assertThat(response.statusCode()).as(path + ": " + response.asString()).isEqualTo(201);
        return response;
    }

    Response put(String path, Object body) {
        return RestAssured.given()
                .baseUri(MandateIT_BASE)
                .contentType("application/json")
                .header("Authorization", "Bearer " + admin)
                .body(body)
                .put(path);
    }

    String agent(String tier) {
        return agents.get(tier);
    }

    String tokenOf(String tier) {
        return Tokens.agent(tenant, agent(tier));
    }

    /** An envelope body; {@code arguments} may be changed by the caller before sending. */
    static Map<String, Object> envelope(
            String agentId, String taskType, String tool, String action, Map<String, Object> arguments) {
        Map<String, Object> body = new HashMap<>();
        body.put("agentId", agentId);
        body.put("taskId", "task-" + UUID.randomUUID());
        body.put("taskType", taskType);
        body.put("requestedAction", Map.of("tool", tool, "action", action, "arguments", arguments));
        body.put(
                "evidence",
                new ArrayList<>(List.of(Map.of(
                        "source",
                        "erp",
                        "excerpt",
                        "Invoice INV-1 matches PO-7",
                        "citationUri",
                        "https://erp.example/inv/1"))));
        body.put("reasoningSummary", "The invoice matches its purchase order.");
        body.put(
                "modelUsage",
                Map.of("model", "small-1", "inputTokens", 900, "outputTokens", 80, "calls", 1, "cost", 1));
        body.put("confidence", 0.93);
        return body;
    }

    Response submit(String tier, Map<String, Object> envelope, String idempotencyKey) {
        var request = RestAssured.given()
                .baseUri(MandateIT_BASE)
                .contentType("application/json")
                .header("Authorization", "Bearer " + tokenOf(tier))
                .body(envelope);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/api/v1/envelopes");
    }

    Response submit(String tier, Map<String, Object> envelope) {
        return submit(tier, envelope, UUID.randomUUID().toString());
    }

    static Map<String, Object> pay(double amount) {
        return Map.of("invoiceId", "INV-1", "amount", amount);
    }
}
