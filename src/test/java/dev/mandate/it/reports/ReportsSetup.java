package dev.mandate.it.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.execution.StubToolServer;
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
 * A tenant whose ERP acts on a {@link StubToolServer} at 0.25 per call (retried when it fails), a workflow
 * {@code ap} with task type {@code pay}, and an autonomous agent whose role permits {@code erp:act} but not
 * {@code erp:wipe} (so a wipe is denied); set up through the public API.
 */
final class ReportsSetup {

    static final String BASE = System.getProperty("mandate.it.base-url", "http://127.0.0.1:28080");

    final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 13);
    final String admin = Tokens.admin(tenant);
    final String agent;
    final String agentToken;

    ReportsSetup(StubToolServer stub) {
        Map<String, Object> connector = Map.of(
                "method",
                "POST",
                "url",
                stub.toolUrl("erp") + "/items",
                "timeoutMillis",
                2000,
                "syncWaitMillis",
                0,
                "retrySafe",
                true,
                "maxAttempts",
                3,
                "pricePerCall",
                0.25);
        post(
                "/api/v1/tools",
                Map.of(
                        "key",
                        "erp",
                        "name",
                        "ERP",
                        "actions",
                        List.of(
                                Map.of(
                                        "key",
                                        "act",
                                        "riskClass",
                                        "WRITE",
                                        "argumentSchema",
                                        Map.of("type", "object"),
                                        "connector",
                                        connector),
                                Map.of(
                                        "key", "wipe",
                                        "riskClass", "WRITE",
                                        "argumentSchema", Map.of("type", "object")))));
        post("/api/v1/workflows", Map.of("key", "ap", "name", "Accounts payable"));
        post(
                "/api/v1/task-types",
                Map.of(
                        "key", "pay",
                        "workflow", "ap",
                        "name", "Pay an invoice",
                        "definition", "Pay a matched invoice",
                        "successCriteria", "Paid once",
                        "riskLevel", "LOW",
                        "allowedTools", List.of(Map.of("tool", "erp", "action", "*"))));
        String role = post(
                        "/api/v1/roles",
                        Map.of(
                                "name",
                                "payer",
                                "approver",
                                false,
                                "permissions",
                                List.of(Map.of("tool", "erp", "action", "act"))))
                .path("id");
        agent = post(
                        "/api/v1/agents",
                        Map.of(
                                "name", "pay-bot",
                                "sponsor", "owner@example.com",
                                "defaultTier", "AUTONOMOUS",
                                "workflow", "ap"))
                .path("id");
        post("/api/v1/roles/" + role + "/assignments", Map.of("principalType", "AGENT", "principal", agent));
        agentToken = Tokens.agent(tenant, agent);
    }

    /** The agent's envelope for {@code taskId}: 200 (decided) or 202 (executing); returns the envelope id. */
    String submit(String taskId, String action, double modelCost) {
        Map<String, Object> body = new HashMap<>();
        body.put("agentId", agent);
        body.put("taskId", taskId);
        body.put("taskType", "pay");
        body.put("requestedAction", Map.of("tool", "erp", "action", action, "arguments", Map.of("task", taskId)));
        body.put("modelUsage", Map.of("model", "small", "calls", 1, "cost", modelCost));
        Response answer = as(agentToken)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(body)
                .post("/api/v1/envelopes");
        assertThat(answer.statusCode()).as(answer.asString()).isIn(200, 202);
        return answer.path("envelopeId");
    }

    /** Until the envelope's execution has ended {@code status}. */
    void awaitExecution(String envelopeId, String status) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Response envelope;
        do {
            envelope = as(admin).get("/api/v1/envelopes/" + envelopeId + "/explain");
            if (status.equals(envelope.path("execution.status"))) {
                return;
            }
            sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("execution of " + envelopeId + " not " + status + ": " + envelope.asString());
    }

    Response outcome(String token, String taskId, Map<String, Object> body) {
        return as(token).body(body).post("/api/v1/tasks/" + taskId + "/outcome");
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
