package dev.mandate.it.execution;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A tenant whose tools act on a {@link StubToolServer}: an autonomous agent holding a role that permits
 * every action, a task type allowing every tool, set up through the public API. Each test gives its tool
 * its own connector ({@link #tool}).
 */
final class ExecutionSetup {

    static final String BASE = System.getProperty("mandate.it.base-url", "http://127.0.0.1:28080");

    final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 13);
    final String admin = Tokens.admin(tenant);
    final String agent;
    final String agentToken;

    /** Each tool gets a default connector to the stub tool of the same name; tests replace it as they need. */
    ExecutionSetup(StubToolServer stub, List<String> tools) {
        for (String tool : tools) {
            post("/api/v1/tools", toolBody(tool, "WRITE", connector(stub, tool, Map.of())));
        }
        post("/api/v1/workflows", Map.of("key", "ops", "name", "Operations"));
        post(
                "/api/v1/task-types",
                Map.of(
                        "key", "ops-task",
                        "workflow", "ops",
                        "name", "An operations task",
                        "definition", "Carry out an operations step",
                        "successCriteria", "Done once",
                        "riskLevel", "LOW",
                        "allowedTools",
                                tools.stream()
                                        .map(t -> Map.of("tool", t, "action", "*"))
                                        .toList()));
        String role = post(
                        "/api/v1/roles",
                        Map.of(
                                "name",
                                "ops-agent",
                                "approver",
                                false,
                                "permissions",
                                tools.stream()
                                        .map(t -> Map.of("tool", t, "action", "*"))
                                        .toList()))
                .path("id");
        agent = post(
                        "/api/v1/agents",
                        Map.of(
                                "name",
                                "ops-bot",
                                "sponsor",
                                "owner@example.com",
                                "defaultTier",
                                "AUTONOMOUS",
                                "workflow",
                                "ops"))
                .path("id");
        post("/api/v1/roles/" + role + "/assignments", Map.of("principalType", "AGENT", "principal", agent));
        agentToken = Tokens.agent(tenant, agent);
    }

    /** Replaces a tool's one action {@code act} with the given risk and connector. */
    void tool(String key, String risk, Map<String, Object> connector) {
        String etag = as(admin).get("/api/v1/tools/" + key).header("ETag");
        Response response = as(admin)
                .header("If-Match", etag)
                .body(toolBody(key, risk, connector))
                .put("/api/v1/tools/" + key);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    }

    private static Map<String, Object> toolBody(String key, String risk, Map<String, Object> connector) {
        return Map.of(
                "key", key,
                "name", key,
                "actions",
                        List.of(Map.of(
                                "key",
                                "act",
                                "riskClass",
                                risk,
                                "argumentSchema",
                                Map.of("type", "object"),
                                "connector",
                                connector)));
    }

    /** A connector posting to the stub tool {@code name}, with overrides. */
    static Map<String, Object> connector(StubToolServer stub, String name, Map<String, Object> overrides) {
        Map<String, Object> connector = new HashMap<>();
        connector.put("method", "POST");
        connector.put("url", stub.toolUrl(name) + "/items");
        connector.put("timeoutMillis", 2000);
        connector.put("syncWaitMillis", 3000);
        connector.putAll(overrides);
        return connector;
    }

    static Map<String, Object> probe(StubToolServer stub, String name) {
        return Map.of("method", "GET", "url", stub.toolUrl(name) + "/by-key/{idempotencyKey}");
    }

    Response submit(String tool, Map<String, Object> arguments, String idempotencyKey) {
        return submit(envelope(tool, arguments), idempotencyKey);
    }

    Response submit(Map<String, Object> envelope, String idempotencyKey) {
        RequestSpecification request = as(agentToken).body(envelope);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/api/v1/envelopes");
    }

    Map<String, Object> envelope(String tool, Map<String, Object> arguments) {
        Map<String, Object> body = new HashMap<>();
        body.put("agentId", agent);
        body.put("taskId", "task-" + UUID.randomUUID());
        body.put("taskType", "ops-task");
        body.put("requestedAction", Map.of("tool", tool, "action", "act", "arguments", arguments));
        return body;
    }

    /** The envelope as its owner sees it, once its execution has reached {@code status} (or the time is up). */
    Response awaitExecution(String envelopeId, String status, Duration within) {
        Instant deadline = Instant.now().plus(within);
        Response envelope;
        do {
            envelope = as(admin).get("/api/v1/envelopes/" + envelopeId + "/explain");
            if (status.equals(envelope.path("execution.status"))) {
                return envelope;
            }
            sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError(
                "execution of " + envelopeId + " not " + status + " within " + within + ": " + envelope.asString());
    }

    void killSwitch(String scope, String target, boolean active) {
        Map<String, Object> body = new HashMap<>(Map.of("scope", scope, "active", active, "reason", "incident drill"));
        if (target != null) {
            body.put("target", target);
        }
        Response response = as(admin).body(body).put("/api/v1/kill-switches");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
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
