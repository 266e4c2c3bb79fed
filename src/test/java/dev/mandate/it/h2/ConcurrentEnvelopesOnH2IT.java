package dev.mandate.it.h2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.Fixtures;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Ordinary concurrency on the quick start's H2: envelopes sent at once that draw on the same agent and
 * tenant budgets and the same task's limits all get a decision, and budgets stay exact.
 */
class ConcurrentEnvelopesOnH2IT {

    private static final String BASE = System.getProperty("mandate.it.h2.base-url", "http://127.0.0.1:29080");
    private static final String CLERK = "00000000-de00-4000-8000-000000000003"; // budgets, per-task limits

    private final String admin = Fixtures.devToken(BASE, "admin@demo.example", "mandate-admin");

    private static RequestSpecification as(String token) {
        return RestAssured.given()
                .baseUri(BASE)
                .contentType("application/json")
                .header("Authorization", "Bearer " + token);
    }

    private static Map<String, Object> envelope(
            String agent, String taskId, String taskType, String action, Map<String, Object> arguments, double cost) {
        return Map.of(
                "agentId",
                agent,
                "taskId",
                taskId,
                "taskType",
                taskType,
                "requestedAction",
                Map.of("tool", "erp", "action", action, "arguments", arguments),
                "modelUsage",
                Map.of("model", "small", "calls", 1, "cost", cost));
    }

    private static Map<String, Object> payment(String taskId) {
        return envelope(
                CLERK,
                taskId,
                "pay-invoice",
                "pay_invoice",
                Map.of("invoiceId", "INV-" + taskId, "amount", 100, "currency", "EUR"),
                0.01);
    }

    private static List<Response> atOnce(int n, IntFunction<Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, 25));
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Response> task = () -> {
                    start.await();
                    return call.apply(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void allDecided(List<Response> responses) {
        for (Response response : responses) {
            // 202: an allowed payment whose execution against the demo ERP is still under way
            assertThat(response.statusCode()).as(response.asString()).isIn(200, 202);
            assertThat((String) response.path("decision")).isNotNull();
        }
    }

    @Test
    void fourEnvelopesOfOneTaskAtOnceAllDecide() throws Exception {
        String clerk = Fixtures.devToken(BASE, CLERK, "mandate-agent");
        for (int round = 0; round < 3; round++) {
            String task = "h2-same-" + UUID.randomUUID();
            allDecided(atOnce(4, i -> as(clerk)
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(payment(task))
                    .post("/api/v1/envelopes")));
        }
    }

    @Test
    void fourEnvelopesOfDifferentTasksAtOnceAllDecide() throws Exception {
        String clerk = Fixtures.devToken(BASE, CLERK, "mandate-agent");
        for (int round = 0; round < 3; round++) {
            allDecided(atOnce(4, i -> as(clerk)
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(payment("h2-diff-" + UUID.randomUUID()))
                    .post("/api/v1/envelopes")));
        }
    }

    @Test
    void hundredConcurrentEnvelopesAgainstFiftyLeftAllowExactlyFifty() throws Exception {
        String agent = as(admin)
                .body(Map.of(
                        "name", "h2-racer-" + UUID.randomUUID().toString().substring(0, 8),
                        "sponsor", "owner@demo.example",
                        "defaultTier", "AUTONOMOUS",
                        "workflow", "accounts-payable-invoices"))
                .post("/api/v1/agents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String role = as(admin)
                .body(Map.of("name", "h2-racer-" + agent, "permissions", List.of(Map.of("tool", "erp", "action", "*"))))
                .post("/api/v1/roles")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(admin)
                .body(Map.of("principalType", "AGENT", "principal", agent))
                .post("/api/v1/roles/" + role + "/assignments")
                .then()
                .statusCode(201);
        as(admin)
                // fifty envelopes of cost 1, each with the demo ERP's price of 0.01 for the call it makes
                .body(Map.of("scope", "AGENT", "subject", agent, "period", "DAY", "maxCost", 50.5))
                .put("/api/v1/budgets")
                .then()
                .statusCode(200);
        String token = Fixtures.devToken(BASE, agent, "mandate-agent");

        List<Response> responses = atOnce(100, i -> as(token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(envelope(
                        agent,
                        "h2-race-" + UUID.randomUUID(),
                        "match-invoice",
                        "match_po",
                        Map.of("invoiceId", "INV-" + i, "poId", "PO-" + i),
                        1))
                .post("/api/v1/envelopes"));
        allDecided(responses);
        List<String> decisions =
                responses.stream().map(r -> (String) r.path("decision")).toList();
        assertThat(decisions).filteredOn("ALLOW"::equals).hasSize(50);
        assertThat(decisions).filteredOn("ESCALATE"::equals).hasSize(50);
    }
}
