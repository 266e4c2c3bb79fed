package dev.mandate.it.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The agent census on the deployed EAR: a batch artifact of the batch module reads the tenant's agents
 * through a bean of the ejb module, the job runs to COMPLETED with the right counts, a stopped or failed
 * execution restarts from its last checkpoint, and executions are the tenant's own.
 */
class JobsIT extends MandateIT {

    /** Agents of a tenant of its own: {@code active} ACTIVE, then two SUSPENDED and one DEPROVISIONED. */
    static String tenantWithAgents(int active) {
        String tenant = newTenant();
        String admin = Tokens.admin(tenant);
        List<Fixtures.Created> agents = new ArrayList<>();
        for (int i = 0; i < active + 3; i++) {
            agents.add(Fixtures.agent(admin, "census-" + i));
        }
        for (Fixtures.Created agent : agents.subList(active, active + 2)) {
            as(admin)
                    .header("If-Match", agent.etag())
                    .body(Map.of("status", "SUSPENDED", "reason", "census test"))
                    .put("/api/v1/agents/" + agent.id() + "/status")
                    .then()
                    .statusCode(200);
        }
        Fixtures.Created leaver = agents.get(active + 2);
        as(admin)
                .header("If-Match", leaver.etag())
                .delete("/api/v1/agents/" + leaver.id() + "?reason=census test")
                .then()
                .statusCode(204);
        return tenant;
    }

    private static JobRuns jobs(String tenant) {
        String admin = Tokens.admin(tenant);
        return new JobRuns(() -> as(admin));
    }

    @Test
    void theCensusCountsTheTenantsAgentsThroughTheDomainsBeans() {
        String tenant = tenantWithAgents(4);
        tenantWithAgents(9); // another tenant's agents are not counted
        JobRuns jobs = jobs(tenant);

        long id = jobs.startCensus();
        JsonPath done = jobs.await(id, "COMPLETED");

        // AgentRoster (mandate-ejb) was injected into the reader: only it reads agents
        assertThat(done.getString("exitStatus")).isEqualTo("ACTIVE=4 SUSPENDED=2 DEPROVISIONED=1");
        assertThat(done.getString("jobName")).isEqualTo("agent-census");
        assertThat(done.getString("startTime")).isNotNull();
        assertThat(done.getString("endTime")).isNotNull();
        assertThat(done.getList("steps.name")).containsExactly("count", "summarise");
        assertThat(JobRuns.metrics(done, "count"))
                .containsEntry("readCount", 7)
                .containsEntry("writeCount", 7)
                .containsEntry("commitCount", 1);
        // the job repository is Mandate's database
        long instance = done.getLong("instanceId");
        assertThat(Database.count("select count(*) from jobinstancedata where jobinstanceid = ?", instance))
                .isEqualTo(1);
        assertThat(Database.count("select sum(agents) from agent_census where job_instance_id = ?", instance))
                .isEqualTo(7);

        as(Tokens.admin(tenant))
                .get("/api/v1/audit/records?action=job.started")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].details.job", equalTo("agent-census"))
                .body("items[0].details.execution", equalTo(Long.toString(id)));
    }

    @Test
    void aStoppedCensusRestartsFromItsLastCheckpoint() throws SQLException {
        String tenant = tenantWithAgents(57); // 60 agents: a chunk of 50, then one of 10
        JobRuns jobs = jobs(tenant);
        long stopped;
        try (Connection other = holdingTheCensusTable()) {
            // the first chunk waits for the other transaction before it commits
            stopped = jobs.startCensus();
            awaitWaitingFor("agent_census");
            as(Tokens.admin(tenant))
                    .post("/api/v1/jobs/executions/" + stopped + "/stop")
                    .then()
                    .statusCode(202)
                    .body("batchStatus", equalTo("STOPPING"));
            other.rollback(); // the first chunk commits, and the job stops before the second
        }
        JsonPath first = jobs.await(stopped, "STOPPED");
        // the runtime sees the stop while it reads the next chunk, and commits what it read of it
        int counted = JobRuns.metrics(first, "count").get("readCount");
        assertThat(counted).isBetween(50, 59);
        assertThat(JobRuns.metrics(first, "count")).containsEntry("writeCount", counted);
        assertThat(first.getList("steps.name")).containsExactly("count");

        long restarted = jobs.restart(stopped);
        assertThat(restarted).isNotEqualTo(stopped);
        JsonPath second = jobs.await(restarted, "COMPLETED");

        assertThat(second.getLong("instanceId")).isEqualTo(first.getLong("instanceId"));
        // the finished chunk is not read again, and nothing is counted twice
        assertThat(JobRuns.metrics(second, "count")).containsEntry("readCount", 60 - counted);
        assertThat(second.getString("exitStatus")).isEqualTo("ACTIVE=57 SUSPENDED=2 DEPROVISIONED=1");

        // neither execution can be restarted now, nor the finished one stopped
        String admin = Tokens.admin(tenant);
        for (long id : List.of(stopped, restarted)) {
            as(admin)
                    .post("/api/v1/jobs/executions/" + id + "/restart")
                    .then()
                    .statusCode(409)
                    .contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("urn:mandate:problem:conflict"));
        }
        as(admin)
                .post("/api/v1/jobs/executions/" + restarted + "/stop")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:mandate:problem:conflict"));
        as(admin)
                .get("/api/v1/audit/records?action=job.restarted")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].details.restartOf", equalTo(Long.toString(stopped)));
    }

    @Test
    void aCensusThatFailedOnAHeldLockRestartsOnceTheLockIsGone() throws SQLException {
        String tenant = tenantWithAgents(2);
        JobRuns jobs = jobs(tenant);
        long failed;
        try (Connection other = holdingTheCensusTable()) {
            failed = jobs.startCensus();
            // the chunk gives up after the pool's lock timeout (5 s) and the job fails
            JsonPath execution = jobs.await(failed, "FAILED");
            assertThat(execution.getString("exitStatus")).isEqualTo("FAILED");
            other.rollback();
        }

        JsonPath done = jobs.await(jobs.restart(failed), "COMPLETED");

        assertThat(done.getString("exitStatus")).isEqualTo("ACTIVE=2 SUSPENDED=2 DEPROVISIONED=1");
    }

    @Test
    void anotherTenantsExecutionIsNotFound() {
        String tenant = tenantWithAgents(1);
        long id = jobs(tenant).startCensus();
        jobs(tenant).await(id, "COMPLETED");

        for (ValidatableResponse answer : everyOperationOn(Tokens.admin(newTenant()), Long.toString(id))) {
            answer.statusCode(404)
                    .contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("urn:mandate:problem:not-found"));
        }
    }

    @Test
    void badInputIsAPreciseProblem() {
        String tenant = newTenant();
        String admin = Tokens.admin(tenant);
        for (String id : List.of("abc", "1.5", "-3", "0", "18446744073709551616", "99999999999999999999999")) {
            for (ValidatableResponse answer : everyOperationOn(admin, id)) {
                answer.statusCode(400)
                        .contentType(startsWith("application/problem+json"))
                        .body("type", equalTo("urn:mandate:problem:validation-failed"))
                        .body("violations[0].field", equalTo("id"));
            }
        }
        as(admin)
                .get("/api/v1/jobs/executions/" + Long.MAX_VALUE)
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:mandate:problem:not-found"));
        as(admin)
                .post("/api/v1/jobs/no-such-job/executions")
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:mandate:problem:not-found"));
        as(Tokens.of(tenant, "auditor@" + tenant, Tokens.AUDITOR))
                .post(JobRuns.CENSUS)
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:mandate:problem:forbidden"));
        anonymous().post(JobRuns.CENSUS).then().statusCode(401);
        assertThat(Database.rows("audit_record", tenant)).isZero();
    }

    /** The answers to reading, stopping and restarting execution {@code id}. */
    private static List<ValidatableResponse> everyOperationOn(String token, String id) {
        String execution = "/api/v1/jobs/executions/" + id;
        return List.of(
                as(token).get(execution).then(),
                as(token).post(execution + "/stop").then(),
                as(token).post(execution + "/restart").then());
    }

    /** Another transaction, holding the census table until it rolls back: a chunk's writes wait for it. */
    static Connection holdingTheCensusTable() throws SQLException {
        Connection other = Database.transaction();
        try (Statement statement = other.createStatement()) {
            statement.execute("lock table agent_census in exclusive mode");
        }
        return other;
    }

    /** Until a transaction of the server waits for a lock on {@code table}. */
    static void awaitWaitingFor(String table) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Database.count(
                        "select count(*) from pg_locks l join pg_class c on c.oid = l.relation"
                                + " where c.relname = ? and not l.granted",
                        table)
                == 0) {
            assertThat(System.nanoTime()).as("nobody waits for " + table).isLessThan(deadline);
            JobRuns.sleep(50);
        }
    }
}
