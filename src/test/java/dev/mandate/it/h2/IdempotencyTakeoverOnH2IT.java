package dev.mandate.it.h2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.Asadmin;
import dev.mandate.it.support.Fixtures;
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
 * rolled back), and the others get that answer or 409.
 */
class IdempotencyTakeoverOnH2IT {

    private static final String BASE = System.getProperty("mandate.it.h2.base-url", "http://127.0.0.1:29080");
    private static final String ADMIN_PORT = System.getProperty("mandate.it.h2.admin-port", "29048");
    private static final String CLERK = "00000000-de00-4000-8000-000000000003";
    private static final String IN_FLIGHT = "mandate.idempotency.in-flight-seconds";

    private static Response pay(String token, String key) {
        return RestAssured.given()
                .baseUri(BASE)
                .contentType("application/json")
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key)
                .body(Map.of(
                        "agentId",
                        CLERK,
                        "taskId",
                        "takeover-" + key,
                        "taskType",
                        "pay-invoice",
                        "requestedAction",
                        Map.of(
                                "tool",
                                "erp",
                                "action",
                                "pay_invoice",
                                "arguments",
                                Map.of("invoiceId", "INV-" + key, "amount", 300, "currency", "EUR")),
                        "modelUsage",
                        Map.of("model", "small", "calls", 1, "cost", 0.01)))
                .post("/api/v1/envelopes");
    }

    @Test
    void aClaimThatGoesStaleWhileItsRequestRunsStillDecidesOnce() throws Exception {
        String clerk = Fixtures.devToken(BASE, CLERK, "mandate-agent");
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
                        return pay(clerk, key);
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
                        decided.add(answer.path("envelopeId"));
                    }
                }
                assertThat(statuses).as("statuses").allMatch(status -> status == 200 || status == 409);
                assertThat(decided).as("one key, one decision: " + statuses).hasSize(1);
                // and the key keeps that one answer
                Response replay = pay(clerk, key);
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
