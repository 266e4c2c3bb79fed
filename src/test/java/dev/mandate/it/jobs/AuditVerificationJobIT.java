package dev.mandate.it.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The nightly audit verification as a job: every chain of the tenant verified by the online verifier's own
 * code, each chain's result recorded, the totals in the execution's figures; a tampered record fails the job
 * and is named as {@code GET /api/v1/audit/verify} names it.
 */
class AuditVerificationJobIT extends MandateIT {

    @Test
    void anUntouchedAuditVerifiesAndATamperedRecordFailsTheJobNamingIt() {
        String tenant = newTenant();
        String admin = Tokens.admin(tenant);
        String agentId = Fixtures.agent(admin, "audited-a").id();
        Fixtures.agent(admin, "audited-b");
        Fixtures.agent(admin, "audited-c");
        JobRuns jobs = new JobRuns(() -> as(admin));
        long before = Database.rows("audit_record", tenant);

        long id = jobs.start("audit-verification", Map.of());
        JsonPath done = jobs.await(id, "COMPLETED");

        assertThat(done.getString("exitStatus")).isEqualTo("VALID");
        assertThat(done.getBoolean("figures.valid")).isTrue();
        assertThat(done.getInt("figures.brokenChains")).isZero();
        long instance = done.getLong("instanceId");
        // the figures are the recorded results, and those cover every record of the tenant's audit (the
        // job.started record of this very run is appended while it runs: it may or may not be in the snapshot)
        long checked = Database.count(
                "select sum(records_checked) from audit_chain_verification where job_instance_id = ? and tenant_id = ?",
                instance,
                tenant);
        assertThat((long) done.getInt("figures.recordsChecked")).isEqualTo(checked);
        assertThat(checked).isBetween(before, Database.rows("audit_record", tenant));
        assertThat((long) done.getInt("figures.chains"))
                .isEqualTo(Database.count(
                        "select count(*) from audit_chain_verification where job_instance_id = ?", instance))
                .isEqualTo(
                        Database.count("select count(distinct chain) from audit_record where tenant_id = ?", tenant));
        assertThat(JobRuns.metrics(done, "verify")).containsEntry("writeCount", done.getInt("figures.chains"));

        // someone with database access changes a record of the first agent
        String recordId = Database.text(
                "select id from audit_record where tenant_id = ? and agent_id = ? order by recorded_at",
                tenant,
                agentId);
        Database.execute("update audit_record set outcome = 'DENY' where id = ?", recordId);

        long second = jobs.start("audit-verification", Map.of());
        JsonPath failed = jobs.await(second, "FAILED");

        // the job failed as a broken chain fails it (its summary ran), not for any other reason
        assertThat(failed.getString("exitStatus")).as(failed.prettify()).startsWith("INVALID: ");
        assertThat(failed.getMap("figures")).as(failed.prettify()).containsKey("chains");
        Response online = as(admin).get("/api/v1/audit/verify");
        JsonPath verified = online.jsonPath();
        assertThat(verified.getBoolean("valid")).isFalse();
        assertThat(failed.getString("exitStatus"))
                .isEqualTo("INVALID: chain " + verified.getInt("firstBad.chain") + " sequence "
                        + verified.getLong("firstBad.sequence") + " EDITED (1 broken chain(s) of "
                        + failed.getInt("figures.chains") + ")");
        assertThat(failed.getString("figures.firstBadRecordId")).isEqualTo(recordId);
        assertThat(failed.getString("figures.firstBadProblem")).isEqualTo("EDITED");
        assertThat(failed.getBoolean("figures.valid")).isFalse();
        assertThat(Database.count(
                        "select count(*) from audit_chain_verification where job_instance_id = ? and not valid"
                                + " and first_bad_record_id = ?",
                        failed.getLong("instanceId"),
                        recordId))
                .isEqualTo(1);
    }
}
