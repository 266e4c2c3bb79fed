package dev.mandate.it.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.execution.StubToolServer;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.Tokens;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant of its own, set up through the public API: an autonomous agent allowed every tool, a task type
 * allowing them, an approver ({@link #APPROVER}) for every tool. Tools named in {@code connected} post to
 * the stub tool of the same name; the others have no connector (decided, never executed).
 */
final class ObservedTenant {

    static final String BASE = System.getProperty("mandate.it.base-url", "http://127.0.0.1:28080");
    static final String APPROVER = "alice@example.com";

    final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 13);
    final String admin = Tokens.admin(tenant);
    final String approver = Tokens.of(tenant, APPROVER, Tokens.APPROVER);
    final String agent;
    final String agentToken;

    ObservedTenant(StubToolServer stub, Map<String, String> riskByTool, List<String> connected) {
        riskByTool.forEach((tool, risk) -> post("/api/v1/tools", tool(stub, tool, risk, connected.contains(tool))));
        post("/api/v1/workflows", Map.of("key", "ops", "name", "Operations"));
        List<Map<String, String>> everyTool = riskByTool.keySet().stream()
                .map(t -> Map.of("tool", t, "action", "*"))
                .toList();
        post(
                "/api/v1/task-types",
                Map.of(
                        "key", "ops-task",
                        "workflow", "ops",
                        "name", "An operations task",
                        "definition", "Carry out an operations step",
                        "successCriteria", "Done once",
                        "riskLevel", "LOW",
                        "allowedTools", everyTool));
        String role = post("/api/v1/roles", Map.of("name", "ops-agent", "approver", false, "permissions", everyTool))
                .path("id");
        String approvers = post(
                        "/api/v1/roles", Map.of("name", "ops-approver", "approver", true, "permissions", everyTool))
                .path("id");
        agent = post(
                        "/api/v1/agents",
                        Map.of(
                                "name", "ops-bot",
                                "sponsor", "owner@example.com",
                                "defaultTier", "AUTONOMOUS",
                                "workflow", "ops"))
                .path("id");
        post("/api/v1/roles/" + role + "/assignments", Map.of("principalType", "AGENT", "principal", agent));
        post("/api/v1/roles/" + approvers + "/assignments", Map.of("principalType", "PERSON", "principal", APPROVER));
        agentToken = Tokens.agent(tenant, agent);
    }

    private static Map<String, Object> tool(StubToolServer stub, String key, String risk, boolean connected) {
        Map<String, Object> action =
                new HashMap<>(Map.of("key", "act", "riskClass", risk, "argumentSchema", Map.of("type", "object")));
        if (connected) {
            action.put(
                    "connector",
                    Map.of(
                            "method",
                            "POST",
                            "url",
                            stub.toolUrl(key) + "/items",
                            "timeoutMillis",
                            2000,
                            "syncWaitMillis",
                            3000,
                            "retrySafe",
                            true,
                            "maxAttempts",
                            5));
        }
        return Map.of("key", key, "name", key, "actions", List.of(action));
    }

    /** The rule that makes every envelope for {@code tool} ESCALATE. */
    void escalating(String tool) {
        Fixtures.policyRule(
                admin,
                "escalate-" + tool,
                Map.of(
                        "kind", "EXPRESSION",
                        "expression", "task.tool == '" + tool + "'",
                        "effect", "ESCALATE",
                        "reason", "a person looks at these"));
    }

    void killSwitch(String tool) {
        Response response = as(admin)
                .body(Map.of("scope", "TOOL", "target", tool, "active", true, "reason", "incident drill"))
                .put("/api/v1/kill-switches");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    }

    /** An envelope for {@code tool} declaring a model cost of 0.25, with these arguments and free text. */
    Response submit(String tool, Map<String, Object> arguments, String reasoning, String traceparent) {
        Map<String, Object> body = new HashMap<>();
        body.put("agentId", agent);
        body.put("taskId", "task-" + UUID.randomUUID());
        body.put("taskType", "ops-task");
        body.put("requestedAction", Map.of("tool", tool, "action", "act", "arguments", arguments));
        body.put("reasoningSummary", reasoning);
        body.put("modelUsage", Map.of("model", "small", "calls", 1, "cost", 0.25));
        RequestSpecification request = as(agentToken).header("Idempotency-Key", "k-" + UUID.randomUUID());
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        Response answer = request.body(body).post("/api/v1/envelopes");
        assertThat(answer.statusCode()).as(answer.asString()).isIn(200, 202);
        return answer;
    }

    Response submit(String tool) {
        return submit(tool, Map.of("n", 1), "routine", null);
    }

    /** The envelope as an admin sees it, once its execution has reached {@code status}. */
    Response awaitExecution(String envelopeId, String status) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Response envelope;
        do {
            envelope = as(admin).get("/api/v1/envelopes/" + envelopeId + "/explain");
            if (status.equals(envelope.path("execution.status"))) {
                return envelope;
            }
            sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("execution of " + envelopeId + " not " + status + ": " + envelope.asString());
    }

    Response approve(Response requested) {
        Response approved = as(approver)
                .body(Map.of("reason", "looks right", "argumentsHash", requested.path("approval.argumentsHash")))
                .post("/api/v1/approvals/" + requested.path("approval.id") + "/approve");
        assertThat(approved.statusCode()).as(approved.asString()).isEqualTo(200);
        return approved;
    }

    Response post(String path, Object body) {
        Response response = as(admin).body(body).post(path);
        assertThat(response.statusCode()).as(path + ": " + response.asString()).isEqualTo(201);
        return response;
    }

    static RequestSpecification as(String token) {
        return RestAssured.given()
                .baseUri(BASE)
                .contentType("application/json")
                .header("Authorization", "Bearer " + token);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
