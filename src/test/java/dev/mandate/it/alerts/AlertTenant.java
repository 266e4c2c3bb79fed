package dev.mandate.it.alerts;

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
import java.util.function.Supplier;

/**
 * A tenant of its own whose one tool ({@value #TOOL}) acts on a {@link StubToolServer} (one attempt per
 * execution, so each failing answer is one tool error), with an autonomous agent allowed to use it and a
 * webhook subscription taking the alert events; set up through the public API.
 */
final class AlertTenant {

    static final String BASE = System.getProperty("mandate.it.base-url", "http://127.0.0.1:28080");
    static final String TOOL = "ops-tool";

    final String tenant = "t-" + UUID.randomUUID().toString().substring(0, 13);
    final String admin = Tokens.admin(tenant);
    final String auditor = Tokens.of(tenant, "auditor@" + tenant, Tokens.AUDITOR);
    final String agent;
    final String agentToken;

    AlertTenant(StubToolServer stub) {
        Map<String, Object> connector = Map.of(
                "method", "POST",
                "url", stub.toolUrl(TOOL) + "/items",
                "timeoutMillis", 2000,
                "syncWaitMillis", 3000,
                "maxAttempts", 1);
        post(
                "/api/v1/tools",
                Map.of(
                        "key",
                        TOOL,
                        "name",
                        TOOL,
                        "actions",
                        List.of(Map.of(
                                "key",
                                "act",
                                "riskClass",
                                "WRITE",
                                "argumentSchema",
                                Map.of("type", "object"),
                                "connector",
                                connector))));
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
                        "allowedTools", List.of(Map.of("tool", TOOL, "action", "*"))));
        String role = post(
                        "/api/v1/roles",
                        Map.of(
                                "name",
                                "ops-agent",
                                "approver",
                                false,
                                "permissions",
                                List.of(Map.of("tool", TOOL, "action", "*"))))
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

    /** Subscribes {@code url} to the alert events (the tenant's signing secret must be configured). */
    void subscribe(String url) {
        Response created = as(admin)
                .body(Map.of("url", url, "eventTypes", List.of("alert.fired", "alert.resolved")))
                .put("/api/v1/webhooks/alerts");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    }

    /** An envelope of a task of its own, costing {@code cost}; the decision's answer. */
    Response envelope(double cost) {
        Map<String, Object> body = new HashMap<>();
        body.put("agentId", agent);
        body.put("taskId", "task-" + UUID.randomUUID());
        body.put("taskType", "ops-task");
        body.put("requestedAction", Map.of("tool", TOOL, "action", "act", "arguments", Map.of("n", 1)));
        body.put("modelUsage", Map.of("model", "small", "calls", 1, "cost", cost));
        Response response = as(agentToken)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body)
                .post("/api/v1/envelopes");
        assertThat(response.statusCode()).as(response.asString()).isIn(200, 202);
        return response;
    }

    Response putRule(String name, Map<String, Object> rule) {
        return as(admin).body(rule).put("/api/v1/alerts/rules/" + name);
    }

    void rule(String name, Map<String, Object> rule) {
        Response created = putRule(name, rule);
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    }

    /** Evaluates the tenant's rules now; the outcome for the rule (its only key). */
    Map<String, Object> evaluate(String rule) {
        Response evaluated = as(admin).post("/api/v1/alerts/evaluations");
        assertThat(evaluated.statusCode()).as(evaluated.asString()).isEqualTo(200);
        List<Map<String, Object>> outcomes =
                evaluated.jsonPath().getList("outcomes.findAll { it.rule == '" + rule + "' }");
        assertThat(outcomes).as(evaluated.asString()).hasSize(1);
        return outcomes.get(0);
    }

    /** The rule's alerts, newest first. */
    List<Map<String, Object>> alerts(String rule) {
        Response page = as(admin).get("/api/v1/alerts?rule=" + rule + "&limit=100");
        assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
        return page.jsonPath().getList("items");
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

    static void await(Supplier<Boolean> condition, Duration within, String what) {
        Instant deadline = Instant.now().plus(within);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " not within " + within);
            }
            sleep(200);
        }
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
