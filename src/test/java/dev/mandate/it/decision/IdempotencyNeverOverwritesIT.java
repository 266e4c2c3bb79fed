package dev.mandate.it.decision;

import static dev.mandate.it.decision.DecisionSetup.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.MandateIT;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A finished idempotency key is never overwritten: when another answer was stored under the key while a
 * decision was running, the decision is refused with 409 and rolled back, and the stored answer stays.
 * The test holds the agent's audit chain locked from a connection of its own, which stops the running
 * decision right before it writes, as a slow database would.
 */
class IdempotencyNeverOverwritesIT extends MandateIT {

    private final DecisionSetup setup = new DecisionSetup();

    @Test
    void anAnswerStoredMeanwhileIsNeitherOverwrittenNorJoinedByASecondDecision() throws Exception {
        String agent = setup.agent("AUTONOMOUS");
        // the agent's audit chain exists after its first decision
        setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()))
                .then()
                .statusCode(200);
        String key = "slow-" + UUID.randomUUID();
        Map<String, Object> body = envelope(agent, "pay-invoice", "erp", "match_po", Map.of());
        String taskId = (String) body.get("taskId");
        String storedAnswer = "{\"envelopeId\":\"answered-meanwhile\",\"decision\":\"DENY\"}";

        CompletableFuture<Response> slow;
        try (Connection holder = Database.transaction()) {
            try (PreparedStatement lock =
                    holder.prepareStatement("select id from audit_chain where tenant_id = ? for update")) {
                lock.setString(1, setup.tenant);
                lock.executeQuery().close();
            }
            slow = CompletableFuture.supplyAsync(() -> setup.submit("AUTONOMOUS", body, key));
            waitUntilSomeoneWaitsForALock();
            // meanwhile the key got its answer (a request of an earlier claim, a second server's retry)
            Database.execute(
                    "insert into idempotency_key (tenant_id, agent_id, idem_key, request_hash, state,"
                            + " response_status, response_body, created_at) values (?, ?, ?, 'x', 'DONE', 200, ?,"
                            + " now())",
                    setup.tenant,
                    agent,
                    key,
                    storedAnswer);
            holder.rollback();
        }

        slow.get().then().statusCode(409).body("type", equalTo("urn:mandate:problem:idempotency-in-flight"));
        assertThat(Database.text(
                        "select response_body from idempotency_key where tenant_id = ? and agent_id = ? and idem_key = ?",
                        setup.tenant,
                        agent,
                        key))
                .isEqualTo(storedAnswer);
        assertThat(Database.count(
                        "select count(*) from envelope where tenant_id = ? and task_id = ?", setup.tenant, taskId))
                .as("the refused decision rolled back")
                .isZero();
        assertThat(Database.count(
                        "select count(*) from task_usage where tenant_id = ? and task_id = ?", setup.tenant, taskId))
                .isZero();
    }

    private static void waitUntilSomeoneWaitsForALock() throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (Database.count("select count(*) from pg_locks where not granted") == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the decision never waited for the audit chain's lock");
            }
            Thread.sleep(50);
        }
    }
}
