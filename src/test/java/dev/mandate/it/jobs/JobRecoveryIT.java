package dev.mandate.it.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Executions a dead server left STARTED (what Payara's batch runtime leaves after a {@code kill -9}) are
 * marked FAILED by a live server's recovery, then restart from their last checkpoint to the right totals.
 * The crash is written into the job repository as it would be found: the execution and its step STARTED,
 * run by a server whose heartbeat stopped an hour ago (or by this server in an earlier life).
 */
class JobRecoveryIT extends MandateIT {

    // a server of its own on every run, so the test runs again against the same database
    private static final String GONE =
            "gone@crashed-host/" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void anExecutionOfAServerThatIsGoneIsMarkedFailedAndRestartsFromItsCheckpoint() throws SQLException {
        String tenant = JobsIT.tenantWithAgents(57); // 60 agents: a chunk of 50, then one of 10
        String admin = Tokens.admin(tenant);
        JobRuns jobs = new JobRuns(() -> as(admin));
        long crashed;
        try (Connection other = JobsIT.holdingTheCensusTable()) {
            crashed = jobs.start("agent-census", Map.of());
            JobsIT.awaitWaitingFor("agent_census");
            as(admin)
                    .post("/api/v1/jobs/executions/" + crashed + "/stop")
                    .then()
                    .statusCode(202);
            other.rollback();
        }
        int counted = JobRuns.metrics(jobs.await(crashed, "STOPPED"), "count").get("readCount");
        assertThat(counted).isBetween(50, 59);

        // the state a kill -9 leaves: the execution and its step STARTED, with no end
        crash(crashed);
        // its server is this live one: never touched, however many heartbeats pass, and not restartable
        JobRuns.sleep(5_000);
        assertThat(jobs.get(crashed).getString("status")).isEqualTo("STARTED");
        as(admin)
                .post("/api/v1/jobs/executions/" + crashed + "/restart")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:mandate:problem:conflict"));

        // ...until the server that ran it is one whose heartbeat stopped an hour ago
        Timestamp hourAgo = Timestamp.from(Instant.now().minus(Duration.ofHours(1)));
        Database.execute(
                "insert into job_server (server_id, started_at, heartbeat_at) values (?, ?, ?)",
                GONE,
                hourAgo,
                hourAgo);
        Database.execute("update job_run set server_id = ? where execution_id = ?", GONE, crashed);

        JsonPath failed = jobs.await(crashed, "FAILED");
        assertThat(failed.getString("exitStatus"))
                .startsWith("FAILED: server " + GONE + " stopped while it ran this execution (last seen ")
                .endsWith("restart it to go on from its last checkpoint");
        assertThat(failed.getString("endTime")).isNotNull();
        assertThat(failed.getString("steps.find { it.name == 'count' }.batchStatus"))
                .isEqualTo("FAILED");
        as(admin)
                .get("/api/v1/audit/records?action=job.recovered")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].details.execution", equalTo(Long.toString(crashed)))
                .body("items[0].details.server", equalTo(GONE));

        long restarted = jobs.restart(crashed);
        JsonPath done = jobs.await(restarted, "COMPLETED");

        // the committed chunk is not read again, and nothing is counted twice
        assertThat(JobRuns.metrics(done, "count")).containsEntry("readCount", 60 - counted);
        assertThat(done.getString("exitStatus")).isEqualTo("ACTIVE=57 SUSPENDED=2 DEPROVISIONED=1");
        long instance = done.getLong("instanceId");
        assertThat(Database.count("select sum(agents) from agent_census where job_instance_id = ?", instance))
                .isEqualTo(Database.count("select count(*) from agent where tenant_id = ?", tenant));
        assertThat(Database.text("select started_by from job_run where execution_id = ?", restarted))
                .isEqualTo("RESTART");
    }

    @Test
    void anExecutionOfThisServerInAnEarlierLifeIsMarkedFailedWithoutWaitingForALease() {
        String tenant = JobsIT.tenantWithAgents(1);
        JobRuns jobs = new JobRuns(() -> as(Tokens.admin(tenant)));
        long id = jobs.start("agent-census", Map.of());
        jobs.await(id, "COMPLETED");
        String live = Database.text("select server_id from job_run where execution_id = ?", id);
        String earlierLife = live.substring(0, live.lastIndexOf('/') + 1) + "00000000";

        crash(id);
        // no heartbeat row at all, and just started: only being this server's earlier life makes it stuck
        Database.execute(
                "update job_run set server_id = ?, created_at = ? where execution_id = ?",
                earlierLife,
                Timestamp.from(Instant.now()),
                id);

        JsonPath failed = jobs.await(id, "FAILED");
        assertThat(failed.getString("exitStatus")).startsWith("FAILED: server " + earlierLife + " stopped");
    }

    /** Writes what Payara's runtime leaves behind when its server dies mid-run. */
    private static void crash(long execution) {
        Database.execute(
                "update executioninstancedata set batchstatus = 'STARTED', exitstatus = null, endtime = null"
                        + " where jobexecid = ?",
                execution);
        Database.execute(
                "update stepexecutioninstancedata set batchstatus = 'STARTED', exitstatus = null, endtime = null"
                        + " where jobexecid = ?",
                execution);
    }
}
