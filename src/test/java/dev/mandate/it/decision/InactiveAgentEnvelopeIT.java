package dev.mandate.it.decision;

import static dev.mandate.it.decision.DecisionSetup.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The decision path reads the calling agent in its own transaction (the request filter does not, for
 * envelopes): an agent that is not ACTIVE, does not exist or belongs to another tenant gets 403 for keyed
 * and unkeyed envelopes alike, and nothing of the attempt stays, so the key is still free afterwards.
 */
class InactiveAgentEnvelopeIT extends MandateIT {

    private static DecisionSetup setup;

    @BeforeAll
    static void tenant() {
        setup = new DecisionSetup();
    }

    @Test
    void aSuspendedAgentIsRefusedAndItsKeyStaysFree() {
        String agent = setup.agent("AUTONOMOUS");
        String token = Tokens.agent(setup.tenant, agent);
        Map<String, Object> write = envelope(agent, "small-task", "erp", "match_po", Map.of());
        String taskId = (String) write.get("taskId");
        String key = "suspended-" + UUID.randomUUID();
        String decidedKey = "decided-" + UUID.randomUUID();
        Map<String, Object> decided = envelope(agent, "small-task", "erp", "match_po", Map.of("po", "PO-1"));
        submit(token, decided, decidedKey).then().statusCode(200);
        long auditBefore = Database.rows("audit_record", setup.tenant);
        String etag = status(agent, etagOf(agent), "SUSPENDED");

        submit(token, write, key)
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:mandate:problem:agent-not-active"))
                .body("detail", equalTo("agent is SUSPENDED"));
        submit(token, envelope(agent, "pay-invoice", "erp", "read_invoice", Map.of("invoiceId", "INV-1")), null)
                .then()
                .statusCode(403)
                .body("detail", equalTo("agent is SUSPENDED"));
        // a malformed body is answered 400 before the agent's status is read (README), writing nothing
        as(token)
                .header("Idempotency-Key", key)
                .body("{\"agentId\":")
                .post("/api/v1/envelopes")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:mandate:problem:malformed-json"));
        // nor does it get the stored answer of a request decided before the suspension
        submit(token, decided, decidedKey).then().statusCode(403).body("detail", equalTo("agent is SUSPENDED"));
        assertThat(Database.count(
                        "select count(*) from envelope where tenant_id = ? and agent_id = ?", setup.tenant, agent))
                .isEqualTo(1);
        assertThat(Database.count(
                        "select count(*) from idempotency_key where tenant_id = ? and idem_key = ?", setup.tenant, key))
                .isZero();
        assertThat(Database.count(
                        "select count(*) from task_usage where tenant_id = ? and task_id = ?", setup.tenant, taskId))
                .isZero();
        // the refusal is not an envelope decision: no audit record for it (the suspension itself has one)
        assertThat(Database.rows("audit_record", setup.tenant)).isEqualTo(auditBefore + 1);

        status(agent, etag, "ACTIVE");
        submit(token, write, key)
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", nullValue())
                .body("decision", equalTo("ALLOW"));
    }

    @Test
    void aTokenForNoAgentOrAnotherTenantsAgentDecidesNothing() {
        String nobody = "00000000-0000-4000-8000-000000000bad";
        String foreign = Fixtures.agent(Tokens.admin(newTenant()), "foreign").id();
        for (String subject : new String[] {nobody, foreign}) {
            String token = Tokens.agent(setup.tenant, subject);
            Map<String, Object> write = envelope(subject, "small-task", "erp", "match_po", Map.of());
            submit(token, write, "k-" + UUID.randomUUID())
                    .then()
                    .statusCode(403)
                    .body("type", equalTo("urn:mandate:problem:agent-not-active"));
            submit(token, envelope(subject, "pay-invoice", "erp", "read_invoice", Map.of("invoiceId", "INV-1")), null)
                    .then()
                    .statusCode(403);
            assertThat(Database.count("select count(*) from envelope where agent_id = ?", subject))
                    .isZero();
            assertThat(Database.count("select count(*) from idempotency_key where agent_id = ?", subject))
                    .isZero();
        }
    }

    private static Response submit(String token, Map<String, Object> body, String key) {
        var request = as(token).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/api/v1/envelopes");
    }

    private static String etagOf(String agent) {
        return as(setup.admin)
                .get("/api/v1/agents/" + agent)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
    }

    private static String status(String agent, String etag, String status) {
        return as(setup.admin)
                .header("If-Match", etag)
                .body(Map.of("status", status, "reason", "test"))
                .put("/api/v1/agents/" + agent + "/status")
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
    }
}
