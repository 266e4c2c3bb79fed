package dev.mandate.it.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The retention job deletes the input summaries of old audit records and the chains still verify, online
 * and through the nightly verification job; a record edited after the redaction is still named.
 */
class RetentionIT extends MandateIT {

    /** A tenant whose agent sent {@code envelopes} envelopes: each decision's audit record has a summary. */
    private static String tenantWithDecisions(int envelopes) {
        String tenant = newTenant();
        String admin = Tokens.admin(tenant);
        String agentId = Fixtures.agent(admin, "retained").id();
        created(as(admin)
                .body(Map.of(
                        "key",
                        "kb",
                        "name",
                        "knowledge base",
                        "actions",
                        List.of(Map.of("key", "get", "riskClass", "READ", "argumentSchema", Map.of("type", "object")))))
                .post("/api/v1/tools"));
        created(as(admin).body(Map.of("key", "support", "name", "support")).post("/api/v1/workflows"));
        created(as(admin)
                .body(Map.of(
                        "key",
                        "lookup",
                        "workflow",
                        "support",
                        "name",
                        "look up",
                        "definition",
                        "d",
                        "successCriteria",
                        "s",
                        "riskLevel",
                        "LOW",
                        "allowedTools",
                        List.of(Map.of("tool", "kb", "action", "get"))))
                .post("/api/v1/task-types"));
        String agent = Tokens.agent(tenant, agentId);
        for (int i = 0; i < envelopes; i++) {
            Response decided = as(agent)
                    .header("Idempotency-Key", "retention-" + i)
                    .body(Map.of(
                            "agentId",
                            agentId,
                            "taskId",
                            "t-" + i,
                            "taskType",
                            "lookup",
                            "reasoningSummary",
                            "customer jane.doe@example.com asked about order " + i,
                            "requestedAction",
                            Map.of("tool", "kb", "action", "get", "arguments", Map.of("q", "order " + i))))
                    .post("/api/v1/envelopes");
            assertThat(decided.statusCode()).as(decided.asString()).isEqualTo(200);
        }
        return tenant;
    }

    private static void created(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
    }

    @Test
    void redactedSummariesLeaveTheChainsVerifiableAndATamperedRecordStillFails() {
        String tenant = tenantWithDecisions(3);
        String admin = Tokens.admin(tenant);
        JobRuns jobs = new JobRuns(() -> as(admin));
        long withSummaries = Database.count(
                "select count(*) from audit_record where tenant_id = ? and input_summary is not null"
                        + " and input_summary_digest is not null",
                tenant);
        assertThat(withSummaries).isGreaterThanOrEqualTo(3);

        long id = jobs.start("retention", Map.of("auditSummaryOlderThanDays", "0"));
        JsonPath done = jobs.await(id, "COMPLETED");

        assertThat(done.getMap("parameters")).containsEntry("auditSummaryOlderThanDays", "0");
        assertThat((long) done.getInt("figures.auditSummariesRedacted")).isEqualTo(withSummaries);
        assertThat(done.getMap("figures")).containsKeys("idempotencyKeysDeleted", "rateBucketsDeleted");
        assertThat(Database.count(
                        "select count(*) from audit_record where tenant_id = ? and input_summary is null"
                                + " and input_summary_salt is null and input_summary_digest is not null"
                                + " and input_summary_redacted_at is not null",
                        tenant))
                .isEqualTo(withSummaries);
        assertThat(Database.count(
                        "select count(*) from audit_record where tenant_id = ? and input_summary like '%order%'",
                        tenant))
                .isZero();

        // the chains still verify, online and as the nightly job verifies them
        assertThat(as(admin).get("/api/v1/audit/verify").jsonPath().getBoolean("valid"))
                .isTrue();
        JsonPath verified = jobs.await(jobs.start("audit-verification", Map.of()), "COMPLETED");
        assertThat(verified.getString("exitStatus")).isEqualTo("VALID");

        // a redacted record edited afterwards is named
        String edited = Database.text(
                "select id from audit_record where tenant_id = ? and input_summary_redacted_at is not null"
                        + " order by id fetch first 1 rows only",
                tenant);
        Database.execute("update audit_record set outcome = 'ESCALATE' where id = ?", edited);
        JsonPath broken = as(admin).get("/api/v1/audit/verify").jsonPath();
        assertThat(broken.getBoolean("valid")).isFalse();
        assertThat(broken.getString("firstBad.recordId")).isEqualTo(edited);
        assertThat(broken.getString("firstBad.problem")).isEqualTo("EDITED");
    }

    @Test
    void withoutAnAgeNothingIsRedactedAndAWrongAgeFailsTheRunBeforeAnything() {
        String tenant = tenantWithDecisions(1);
        JobRuns jobs = new JobRuns(() -> as(Tokens.admin(tenant)));

        JsonPath kept = jobs.await(jobs.start("retention", Map.of()), "COMPLETED");
        assertThat(kept.getMap("figures")).doesNotContainKey("auditSummariesRedacted");

        JsonPath refused = jobs.await(jobs.start("retention", Map.of("auditSummaryOlderThanDays", "-1")), "FAILED");
        assertThat(refused.getString("steps[0].name")).isEqualTo("purge");
        assertThat(Database.count(
                        "select count(*) from audit_record where tenant_id = ? and input_summary_redacted_at is not"
                                + " null",
                        tenant))
                .isZero();

        // once redacted, the digest is all that stands for the summary: replacing it is named
        jobs.await(jobs.start("retention", Map.of("auditSummaryOlderThanDays", "0")), "COMPLETED");
        String redacted = Database.text(
                "select id from audit_record where tenant_id = ? and input_summary_redacted_at is not null", tenant);
        Database.execute("update audit_record set input_summary_digest = ? where id = ?", "0".repeat(64), redacted);
        JsonPath broken = as(Tokens.admin(tenant)).get("/api/v1/audit/verify").jsonPath();
        assertThat(broken.getString("firstBad.recordId")).isEqualTo(redacted);
        assertThat(broken.getString("firstBad.problem")).isEqualTo("EDITED");
    }
}
