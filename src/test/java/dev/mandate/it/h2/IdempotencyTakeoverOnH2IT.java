package dev.mandate.it.h2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.Asadmin;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.ArrayList;
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
import org.junit.jupiter.api.Test;

/**
 * On H2 an idempotency claim is a row of its own that a retry takes over once it is older than
 * {@code mandate.idempotency.in-flight-seconds}. With that set to 0, every claim is stale while its own
 * request is still running, so parallel copies of one request keep taking the key over from each other:
 * still exactly one of them decides (a request whose claim was taken over cannot store its answer: 409,
 * rolled back), and the others get that answer or 409. In a tenant of its own whose agent has no budgets
 * and whose task type no limits: concurrent decisions drawing on those are issue 14's item 4.
 */
class IdempotencyTakeoverOnH2IT {

    private static final String BASE = System.getProperty("mandate.it.h2.base-url", "http://127.0.0.1:29080");
    private static final String ADMIN_PORT = System.getProperty("mandate.it.h2.admin-port", "29048");
    private static final String IN_FLIGHT = "mandate.idempotency.in-flight-seconds";

    private static String token(String tenant, String subject, String group) {
        return RestAssured.given()
                .baseUri(BASE)
                .contentType("application/json")
                .body(Map.of("subject", subject, "groups", List.of(group), "tenant", tenant))
                .post("/api/v1/dev/tokens")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    private static Response post(String token, String path, Object body) {
        Response response = RestAssured.given()
                .baseUri(BASE)
                .contentType("application/json")
                .header("Authorization", "Bearer " + token)
                .body(body)
                .post(path);
        assertThat(response.statusCode()).as(path + ": " + response.asString()).isEqualTo(201);
        return response;
    }

    /** A tenant with one WRITE action, a task type allowing it and an AUTONOMOUS agent permitted to use it. */
    private static String agentOfANewTenant(String tenant) {
        String admin = token(tenant, "takeover-admin@example.com", "mandate-admin");
        post(
                admin,
                "/api/v1/tools",
                Map.of(
                        "key",
                        "tickets",
                        "name",
                        "Tickets",
                        "actions",
                        List.of(Map.of(
                                "key", "close", "riskClass", "WRITE", "argumentSchema", Map.of("type", "object")))));
        post(admin, "/api/v1/workflows", Map.of("key", "support", "name", "Support"));
        post(
                admin,
                "/api/v1/task-types",
                Map.of(
                        "key", "close-ticket",
                        "workflow", "support",
                        "name", "Close",
                        "definition", "d",
                        "successCriteria", "s",
                        "riskLevel", "LOW",
                        "allowedTools", List.of(Map.of("tool", "tickets", "action", "close"))));
        String role = post(
                        admin,
                        "/api/v1/roles",
                        Map.of(
                                "name",
                                "closer",
                                "approver",
                                false,
                                "permissions",
                                List.of(Map.of("tool", "tickets", "action", "close"))))
                .path("id");
        String agent = post(
                        admin,
                        "/api/v1/agents",
                        Map.of("name", "closer-bot", "sponsor", "owner@example.com", "defaultTier", "AUTONOMOUS"))
                .path("id");
        post(admin, "/api/v1/roles/" + role + "/assignments", Map.of("principalType", "AGENT", "principal", agent));
        return agent;
    }

    private static Response close(String token, String agent, String key) {
        return RestAssured.given()
                .baseUri(BASE)
                .contentType("application/json")
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key)
                .body(Map.of(
                        "agentId",
                        agent,
                        "taskId",
                        "takeover-" + key,
                        "taskType",
                        "close-ticket",
                        "requestedAction",
                        Map.of("tool", "tickets", "action", "close", "arguments", Map.of("ticketId", "T-1"))))
                .post("/api/v1/envelopes");
    }

    @Test
    void aClaimThatGoesStaleWhileItsRequestRunsStillDecidesOnce() throws Exception {
        String tenant = "takeover-" + UUID.randomUUID().toString().substring(0, 8);
        String agent = agentOfANewTenant(tenant);
        String agentToken = token(tenant, agent, "mandate-agent");
        close(agentToken, agent, "warm-up").then().statusCode(200);
        Asadmin.runOn(ADMIN_PORT, "create-system-properties", IN_FLIGHT + "=0");
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            for (int round = 0; round < 3; round++) {
                String key = UUID.randomUUID().toString();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Response>> responses = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    Callable<Response> call = () -> {
                        start.await();
                        return close(agentToken, agent, key);
                    };
                    responses.add(pool.submit(call));
                }
                start.countDown();
                Set<String> decided = new HashSet<>();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Response> response : responses) {
                    Response answer = response.get();
                    statuses.add(answer.statusCode());
                    if (answer.statusCode() == 200) {
                        assertThat((String) answer.path("decision")).isEqualTo("ALLOW");
                        decided.add(answer.path("envelopeId"));
                    }
                }
                assertThat(statuses).as("statuses").allMatch(status -> status == 200 || status == 409);
                assertThat(decided).as("one key, one decision: " + statuses).hasSize(1);
                // and the key keeps that one answer
                Response replay = close(agentToken, agent, key);
                assertThat(replay.statusCode()).isEqualTo(200);
                assertThat((String) replay.path("envelopeId"))
                        .isEqualTo(decided.iterator().next());
            }
        } finally {
            pool.shutdownNow();
            Asadmin.runOn(ADMIN_PORT, "delete-system-property", IN_FLIGHT);
        }
    }
}
