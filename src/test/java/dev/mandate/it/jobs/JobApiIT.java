package dev.mandate.it.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The job API as issue 19 states it: {@code POST /api/v1/jobs/{name}} with declared parameters, the execution
 * at {@code /api/v1/jobs/{name}/executions/{id}} with its status and figures, and {@code GET /api/v1/jobs}
 * with the schedules and the tenant's recent executions; auditors read, administrators start.
 */
class JobApiIT extends MandateIT {

    private static String tenantWithAgents(int agents) {
        String tenant = newTenant();
        String admin = Tokens.admin(tenant);
        for (int i = 0; i < agents; i++) {
            Fixtures.agent(admin, "api-" + i);
        }
        return tenant;
    }

    @Test
    void aJobStartedAtItsPathReportsStatusAndFiguresAtTheLocation() {
        String tenant = tenantWithAgents(3);
        String admin = Tokens.admin(tenant);
        JobRuns jobs = new JobRuns(() -> as(admin));

        long id = jobs.start("agent-census", Map.of());
        jobs.await(id, "COMPLETED");

        String auditor = Tokens.of(tenant, "auditor@" + tenant, Tokens.AUDITOR);
        JsonPath execution = as(auditor)
                .get("/api/v1/jobs/agent-census/executions/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(execution.getString("status")).isEqualTo("COMPLETED");
        assertThat(execution.getString("batchStatus")).isEqualTo("COMPLETED");
        assertThat(execution.getString("exitStatus")).isEqualTo("ACTIVE=3 SUSPENDED=0 DEPROVISIONED=0");
        assertThat(execution.getMap("parameters")).isEmpty();
        // what the job reports, against the agent table itself
        long agents = Database.count("select count(*) from agent where tenant_id = ?", tenant);
        assertThat(execution.getMap("figures"))
                .containsEntry("ACTIVE", 3)
                .containsEntry("SUSPENDED", 0)
                .containsEntry("agents", (int) agents);
        assertThat(JobRuns.metrics(execution, "count")).containsEntry("readCount", (int) agents);
        // the execution under another job's name is not found
        as(admin)
                .get("/api/v1/jobs/other-job/executions/" + id)
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:mandate:problem:not-found"));
        assertThat(Database.count(
                        "select count(*) from job_run where execution_id = ? and tenant_id = ? and started_by = 'API'",
                        id,
                        tenant))
                .isEqualTo(1);
    }

    @Test
    void parametersAreStringsOfNamesTheJobDeclaresAndNothingIsStartedOtherwise() {
        String tenant = tenantWithAgents(1);
        String admin = Tokens.admin(tenant);

        // the census declares none: any name is 422, the tenant above all
        for (String name : List.of("dataset", "tenant", "x".repeat(300))) {
            as(admin)
                    .body(Map.of("parameters", Map.of(name, "globex")))
                    .post("/api/v1/jobs/agent-census")
                    .then()
                    .statusCode(422)
                    .contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("urn:mandate:problem:unprocessable"))
                    .body("violations[0].field", startsWith("parameters."))
                    .body("violations[0].message", equalTo("is not a parameter of agent-census (it takes none)"));
        }
        Map<String, Object> many = new HashMap<>();
        for (int i = 0; i < 21; i++) {
            many.put("p" + i, "v");
        }
        List<Object> badBodies = List.of(
                Map.of("parameters", Map.of("dataset", 5)),
                Map.of("parameters", Map.of("dataset", List.of("a"))),
                Map.of("parameters", Map.of("dataset", "x".repeat(1001))),
                Map.of("parameters", many),
                Map.of("parameters", "dataset=x"),
                Map.of("parameters", Map.of(), "tenant", "globex"),
                List.of());
        for (Object body : badBodies) {
            Response response = as(admin).body(body).post("/api/v1/jobs/agent-census");
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        as(admin)
                .body("{\"parameters\": {")
                .post("/api/v1/jobs/agent-census")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:mandate:problem:malformed-json"));
        as(admin)
                .body(Map.of())
                .post("/api/v1/jobs/no-such-job")
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:mandate:problem:not-found"));

        assertThat(Database.rows("job_run", tenant)).isZero();
        assertThat(Database.count(
                        "select count(*) from audit_record where tenant_id = ? and action like 'job.%'", tenant))
                .isZero();
    }

    @Test
    void theListShowsTheJobsSchedulesAndOnlyTheTenantsExecutionsNewestFirst() {
        String tenant = tenantWithAgents(1);
        JobRuns jobs = new JobRuns(() -> as(Tokens.admin(tenant)));
        long first = jobs.start("agent-census", Map.of());
        jobs.await(first, "COMPLETED");
        long second = jobs.startCensus();
        jobs.await(second, "COMPLETED");
        String other = tenantWithAgents(1);
        long others = new JobRuns(() -> as(Tokens.admin(other))).start("agent-census", Map.of());

        String auditor = Tokens.of(tenant, "auditor@" + tenant, Tokens.AUDITOR);
        JsonPath list =
                as(auditor).get("/api/v1/jobs").then().statusCode(200).extract().jsonPath();

        // the test domain schedules the census at 03:00 on 1 January (mandate.jobs.agent-census.schedule)
        assertThat(list.getString("jobs.find { it.name == 'agent-census' }.schedule"))
                .isEqualTo("0 3 1 1 *");
        assertThat(list.getString("jobs.find { it.name == 'agent-census' }.timezone"))
                .isEqualTo("UTC");
        Instant next = Instant.parse(list.getString("jobs.find { it.name == 'agent-census' }.nextRun"));
        assertThat(next).isAfter(Instant.now());
        assertThat(next.toString()).matches("\\d{4}-01-01T03:00:00Z");
        assertThat(list.getList("jobs.find { it.name == 'agent-census' }.parameters"))
                .isEmpty();
        assertThat(list.getList("executions.items.id", Long.class)).containsExactly(second, first);
        assertThat(list.getLong("executions.total")).isEqualTo(2);
        assertThat(list.getList("executions.items.id", Long.class)).doesNotContain(others);
        assertThat(list.getString("executions.items[0].status")).isEqualTo("COMPLETED");
        assertThat(list.getString("executions.items[0].startedBy")).isEqualTo("API");
        assertThat(list.getString("executions.items[0].href"))
                .isEqualTo("/api/v1/jobs/agent-census/executions/" + second);

        JsonPath page = as(auditor)
                .get("/api/v1/jobs?offset=1&limit=1")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(page.getList("executions.items.id", Long.class)).containsExactly(first);
        for (String limit : List.of("0", "-1", "abc", "99999999999999999999")) {
            as(auditor)
                    .get("/api/v1/jobs?limit=" + limit)
                    .then()
                    .statusCode(400)
                    .body("type", equalTo("urn:mandate:problem:validation-failed"));
        }
    }

    @Test
    void auditorsReadAndOnlyAdministratorsStart() {
        String tenant = newTenant();
        as(Tokens.of(tenant, "auditor@" + tenant, Tokens.AUDITOR))
                .body(Map.of())
                .post("/api/v1/jobs/agent-census")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:mandate:problem:forbidden"));
        String approver = Tokens.of(tenant, "approver@" + tenant, Tokens.APPROVER);
        as(approver).get("/api/v1/jobs").then().statusCode(403);
        as(approver).body(Map.of()).post("/api/v1/jobs/agent-census").then().statusCode(403);
        anonymous().get("/api/v1/jobs").then().statusCode(401);
        anonymous().body(Map.of()).post("/api/v1/jobs/agent-census").then().statusCode(401);
        assertThat(Database.rows("job_run", tenant)).isZero();
    }
}
