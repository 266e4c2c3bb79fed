package dev.mandate.it.decision;

import static dev.mandate.it.decision.DecisionSetup.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.MandateIT;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A decision whose one-request write fails halfway (the audit record's insert, after the envelope, the
 * idempotency answer and the rate counters were sent): nothing of it stays, and the client's retry with
 * the same key is decided as if the failed attempt had never happened.
 */
class DecisionWriteFailureIT extends MandateIT {

    private static DecisionSetup setup;

    private final String trigger =
            "it_fail_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeAll
    static void tenant() {
        setup = new DecisionSetup();
    }

    @AfterEach
    void dropTrigger() {
        Database.execute("drop trigger if exists " + trigger + " on audit_record");
        Database.execute("drop function if exists " + trigger + "()");
    }

    @Test
    void aFailureInTheMiddleOfTheWritesLeavesNothingAndTheRetryIsDecidedAfresh() {
        String agent = setup.agent("AUTONOMOUS");
        Map<String, Object> body = envelope(agent, "small-task", "erp", "match_po", Map.of());
        String taskId = (String) body.get("taskId");
        String key = "halfway-" + UUID.randomUUID();
        long auditBefore = Database.rows("audit_record", setup.tenant);
        failAuditInserts();

        setup.submit("AUTONOMOUS", body, key)
                .then()
                .statusCode(500)
                .contentType(startsWith("application/problem+json"));

        assertThat(Database.count(
                        "select count(*) from envelope where tenant_id = ? and task_id = ?", setup.tenant, taskId))
                .isZero();
        assertThat(Database.count(
                        "select count(*) from idempotency_key where tenant_id = ? and idem_key = ?", setup.tenant, key))
                .isZero();
        assertThat(Database.count(
                        "select count(*) from rate_counter where tenant_id = ? and agent_id = ?", setup.tenant, agent))
                .isZero();
        assertThat(Database.count(
                        "select count(*) from task_usage where tenant_id = ? and task_id = ?", setup.tenant, taskId))
                .isZero();
        assertThat(Database.rows("audit_record", setup.tenant)).isEqualTo(auditBefore);

        dropTrigger();
        setup.submit("AUTONOMOUS", body, key).then().statusCode(200).body("decision", equalTo("ALLOW"));
        // the task allows two tool calls: the failed attempt used none of them
        Map<String, Object> second = envelope(agent, "small-task", "erp", "match_po", Map.of("po", "PO-2"));
        second.put("taskId", taskId);
        setup.submit("AUTONOMOUS", second).then().statusCode(200).body("decision", equalTo("ALLOW"));
        assertThat(Database.count(
                        "select count(*) from envelope where tenant_id = ? and task_id = ?", setup.tenant, taskId))
                .isEqualTo(2);
        assertThat(Database.count(
                        "select tool_calls from task_usage where tenant_id = ? and task_id = ?", setup.tenant, taskId))
                .isEqualTo(2);
    }

    /** Fails every audit record insert of this test's tenant, as a full disk or a lost connection would. */
    private void failAuditInserts() {
        Database.execute("create function " + trigger + "() returns trigger language plpgsql as $$ begin"
                + " if new.tenant_id = '" + setup.tenant + "' then raise exception 'injected failure'; end if;"
                + " return new; end $$");
        Database.execute("create trigger " + trigger + " before insert on audit_record for each row execute function "
                + trigger + "()");
    }
}
