package dev.mandate.it.reports;

import static dev.mandate.it.reports.ReportsSetup.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.mandate.it.execution.StubToolServer;
import dev.mandate.it.support.Database;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Task outcomes, baselines and the cost-rollup job on the deployed EAR: real envelopes, executions (with a
 * retry) and outcomes through the API, the job run by the tenant's administrator, and every figure of the
 * rollup compared with the same figures computed by one plain SQL query here. Run again, and failed and
 * restarted, the rollup counts nothing twice.
 */
class ReportsIT extends MandateIT {

    private static final String START = "/api/v1/jobs/cost-rollup/executions";
    private static StubToolServer stub;

    @BeforeAll
    static void startTools() {
        stub = StubToolServer.start();
    }

    @AfterAll
    static void stopTools() {
        stub.close();
    }

    /** Seven tasks of every kind, all of today; returns the setup. */
    private static ReportsSetup sevenTasks() {
        ReportsSetup setup = new ReportsSetup(stub);
        setup.awaitExecution(setup.submit("task-1", "act", 0.10), "SUCCEEDED");
        setup.awaitExecution(setup.submit("task-2", "act", 0.20), "SUCCEEDED");
        stub.tool("erp").failNext(1, 503); // one retry, metered
        setup.awaitExecution(setup.submit("task-3", "act", 0.30), "SUCCEEDED");
        setup.awaitExecution(setup.submit("task-4", "act", 0.40), "SUCCEEDED");
        setup.awaitExecution(setup.submit("task-5", "act", 0.05), "SUCCEEDED");
        setup.submit("task-6", "wipe", 0.01); // denied: the role does not permit erp:wipe
        setup.awaitExecution(setup.submit("task-7", "act", 0.15), "SUCCEEDED");
        setup.awaitExecution(setup.submit("task-7", "act", 0.15), "SUCCEEDED");

        reported(
                setup,
                setup.agentToken,
                "task-1",
                Map.of("outcome", "RESOLVED", "timeToCompleteSeconds", 120, "humanReviewSeconds", 600),
                201);
        reported(
                setup,
                setup.admin,
                "task-2",
                Map.of("outcome", "RESOLVED", "timeToCompleteSeconds", 300, "agentId", setup.agent),
                201);
        // task-3: not reported; its execution succeeded (after a retry): resolved as Mandate saw it
        reported(
                setup,
                setup.agentToken,
                "task-4",
                Map.of("outcome", "FAILED", "timeToCompleteSeconds", 60, "humanReviewSeconds", 1800),
                201);
        reported(setup, setup.agentToken, "task-5", Map.of("outcome", "ABANDONED", "timeToCompleteSeconds", 30), 201);
        reported(setup, setup.agentToken, "task-7", Map.of("outcome", "RESOLVED", "timeToCompleteSeconds", 900), 201);
        setup.post(
                "/api/v1/baselines",
                Map.of(
                        "workflow",
                        "ap",
                        "costPerItem",
                        12.5,
                        "handlingMinutes",
                        15,
                        "hourlyRate",
                        40,
                        "weeklyVolume",
                        400,
                        "backlog",
                        25));
        return setup;
    }

    private static Response reported(
            ReportsSetup setup, String token, String taskId, Map<String, Object> body, int status) {
        Response response = setup.outcome(token, taskId, body);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        return response;
    }

    @Test
    void everyFigureOfTheRollupMatchesPlainSqlAndRunsAgainOrRestartedCountNothingTwice() throws SQLException {
        ReportsSetup setup = sevenTasks();
        Map<String, BigDecimal> truth = groundTruth(setup.tenant);
        assertThat(truth.get("tasks")).isEqualByComparingTo("7");
        assertThat(truth.get("resolved")).isEqualByComparingTo("4");

        JsonPath done = await(setup.admin, start(setup.admin), "COMPLETED");
        assertThat(done.getString("exitStatus")).isEqualTo("days=30 rows=1 skipped=0 drift=0/4");
        assertMatches(rollupRow(setup.tenant), truth);

        // the API shows the same row, with the ROI's inputs
        JsonPath page = rollups(setup.admin, "");
        assertThat(page.getInt("total")).isEqualTo(1);
        assertThat(page.getInt("items[0].tasks.total")).isEqualTo(7);
        assertThat(page.getInt("items[0].tasks.resolved")).isEqualTo(4);
        assertThat(page.getInt("items[0].tasks.failed")).isEqualTo(1);
        assertThat(page.getInt("items[0].tasks.abandoned")).isEqualTo(1);
        assertThat(page.getInt("items[0].tasks.denied")).isEqualTo(1);
        assertThat(page.getInt("items[0].toolCalls")).isEqualTo(8);
        assertThat(page.getInt("items[0].retries")).isEqualTo(1);
        assertThat(page.getString("items[0].workflow")).isEqualTo("ap");
        assertThat(new BigDecimal(page.getString("items[0].cost.perResolvedP95")))
                .isCloseTo(truth.get("p95"), within(new BigDecimal("0.000001")));
        assertThat(new BigDecimal(page.getString("items[0].roi.value")))
                .isCloseTo(truth.get("roi"), within(new BigDecimal("0.00001")));
        assertThat(new BigDecimal(page.getString("items[0].roi.baselineCostPerItem")))
                .isEqualByComparingTo("12.5");
        assertThat(new BigDecimal(page.getString("items[0].roi.hoursSaved"))).isEqualByComparingTo("1");
        assertThat(rollups(setup.admin, "?taskType=other").getInt("total")).isZero();
        assertThat(rollups(Tokens.of(setup.tenant, "auditor@" + setup.tenant, Tokens.AUDITOR), "?agent=" + setup.agent)
                        .getInt("total"))
                .isEqualTo(1);

        // drift: every day of the data is in both windows, so nothing moved
        JsonPath drift = get(setup.admin, "/api/v1/reports/drift");
        assertThat(drift.getList("items")).hasSize(4);
        assertThat(drift.getList("items.flagged")).containsOnly(false);
        assertThat(new BigDecimal(drift.getString("items.find { it.metric == 'SUCCESS_RATE' }.recent")))
                .isCloseTo(new BigDecimal("0.571429"), within(new BigDecimal("0.000001")));
        assertThat(new BigDecimal(drift.getString("items.find { it.metric == 'DENIAL_RATE' }.recent")))
                .isCloseTo(new BigDecimal("0.125"), within(new BigDecimal("0.000001")));

        // a second run replaces the day's row: the same figures, not twice them
        JsonPath again = await(setup.admin, start(setup.admin), "COMPLETED");
        assertThat(again.getString("exitStatus")).isEqualTo("days=30 rows=1 skipped=0 drift=0/4");
        assertMatches(rollupRow(setup.tenant), truth);

        // a run that fails on the rollup's table (a lock held past the lock timeout) and is restarted
        long failed;
        try (Connection other = Database.transaction()) {
            try (Statement statement = other.createStatement()) {
                statement.execute("lock table cost_rollup in exclusive mode");
            }
            failed = start(setup.admin);
            await(setup.admin, failed, "FAILED");
            other.rollback();
        }
        Response restart = as(setup.admin).post("/api/v1/jobs/executions/" + failed + "/restart");
        assertThat(restart.statusCode()).as(restart.asString()).isEqualTo(202);
        JsonPath restarted = await(setup.admin, restart.jsonPath().getLong("id"), "COMPLETED");
        assertThat(restarted.getString("exitStatus")).isEqualTo("days=30 rows=1 skipped=0 drift=0/4");
        assertThat(Database.count("select count(*) from cost_rollup where tenant_id = ?", setup.tenant))
                .isEqualTo(1);
        assertMatches(rollupRow(setup.tenant), truth);
        assertThat(Database.count("select count(*) from cost_rollup_skip where tenant_id = ?", setup.tenant))
                .isZero();
    }

    @Test
    void outcomesAreReportedOnceAndHostileInputIsAPreciseProblem() {
        ReportsSetup setup = new ReportsSetup(stub);
        setup.submit("only", "wipe", 0.01);
        Map<String, Object> body = Map.of("outcome", "RESOLVED", "timeToCompleteSeconds", 42);

        Response first = reported(setup, setup.agentToken, "only", body, 201);
        assertThat(first.<String>path("taskType")).isEqualTo("pay");
        assertThat(first.header("Location")).contains("/api/v1/tasks/only/outcome?agentId=" + setup.agent);
        reported(setup, setup.agentToken, "only", body, 200);
        problem(
                setup.outcome(setup.agentToken, "only", Map.of("outcome", "FAILED", "timeToCompleteSeconds", 42)),
                409,
                "conflict");
        as(setup.admin)
                .get("/api/v1/tasks/only/outcome?agentId=" + setup.agent)
                .then()
                .statusCode(200)
                .body("outcome", equalTo("RESOLVED"))
                .body("timeToCompleteSeconds", equalTo(42));

        // a task nobody sent an envelope for, another tenant's task, an admin who names no agent
        problem(setup.outcome(setup.agentToken, "never-seen", body), 404, "not-found");
        ReportsSetup other = new ReportsSetup(stub);
        Map<String, Object> naming = new HashMap<>(body);
        naming.put("agentId", setup.agent);
        problem(other.outcome(other.admin, "only", naming), 404, "not-found");
        // another tenant's agent has no task of that id; an agent speaks only for itself
        problem(other.outcome(other.agentToken, "only", body), 404, "not-found");
        Map<String, Object> forAnother = new HashMap<>(body);
        forAnother.put("agentId", other.agent);
        problem(setup.outcome(setup.agentToken, "only", forAnother), 403, "forbidden");
        problem(setup.outcome(setup.admin, "only", body), 400, "validation-failed");

        for (Map<String, Object> hostile : List.<Map<String, Object>>of(
                Map.of("outcome", "WON", "timeToCompleteSeconds", 1),
                Map.of("outcome", "RESOLVED"),
                Map.of("outcome", "RESOLVED", "timeToCompleteSeconds", -1),
                Map.of("outcome", "RESOLVED", "timeToCompleteSeconds", new BigDecimal("18446744073709551616")),
                Map.of("outcome", "RESOLVED", "timeToCompleteSeconds", 31_536_001),
                Map.of("outcome", "RESOLVED", "timeToCompleteSeconds", "soon"),
                Map.of("outcome", "RESOLVED", "timeToCompleteSeconds", 1, "tenant", "other"))) {
            problem(setup.outcome(setup.agentToken, "t2", hostile), 400, "validation-failed");
        }
        problem(setup.outcome(setup.agentToken, "x".repeat(201), body), 400, "validation-failed");
        problem(setup.outcome(Tokens.of(setup.tenant, "auditor@x", Tokens.AUDITOR), "only", naming), 403, "forbidden");

        // baselines: the tenant's own taxonomy, one per workflow / task type, admin writes, auditors read
        problem(
                as(setup.admin)
                        .body(Map.of("workflow", "nope", "costPerItem", 1, "handlingMinutes", 1, "hourlyRate", 1))
                        .post("/api/v1/baselines"),
                400,
                "validation-failed");
        problem(
                as(setup.admin)
                        .body(Map.of(
                                "workflow",
                                "ap",
                                "taskType",
                                "nope",
                                "costPerItem",
                                1,
                                "handlingMinutes",
                                1,
                                "hourlyRate",
                                1))
                        .post("/api/v1/baselines"),
                400,
                "validation-failed");
        problem(
                as(setup.admin)
                        .body(Map.of(
                                "workflow",
                                "ap",
                                "costPerItem",
                                new BigDecimal("1e30"),
                                "handlingMinutes",
                                1,
                                "hourlyRate",
                                1))
                        .post("/api/v1/baselines"),
                400,
                "validation-failed");
        problem(
                as(setup.admin)
                        .body(Map.of(
                                "workflow",
                                "ap",
                                "costPerItem",
                                1,
                                "handlingMinutes",
                                1,
                                "hourlyRate",
                                1,
                                "id",
                                "mine"))
                        .post("/api/v1/baselines"),
                400,
                "validation-failed");
        String id = setup.post(
                        "/api/v1/baselines",
                        Map.of(
                                "workflow",
                                "ap",
                                "taskType",
                                "pay",
                                "costPerItem",
                                3,
                                "handlingMinutes",
                                7.5,
                                "hourlyRate",
                                50))
                .path("id");
        problem(
                as(setup.admin)
                        .body(Map.of(
                                "workflow",
                                "ap",
                                "taskType",
                                "pay",
                                "costPerItem",
                                3,
                                "handlingMinutes",
                                7.5,
                                "hourlyRate",
                                50))
                        .post("/api/v1/baselines"),
                409,
                "conflict");
        as(Tokens.of(setup.tenant, "auditor@x", Tokens.AUDITOR))
                .get("/api/v1/baselines/" + id)
                .then()
                .statusCode(200)
                .body("handlingMinutes", equalTo(7.5f));
        problem(
                as(Tokens.of(setup.tenant, "auditor@x", Tokens.AUDITOR))
                        .body(Map.of("workflow", "ap", "costPerItem", 1, "handlingMinutes", 1, "hourlyRate", 1))
                        .post("/api/v1/baselines"),
                403,
                "forbidden");
        as(setup.admin)
                .body(Map.of(
                        "workflow", "ap", "taskType", "pay", "costPerItem", 4, "handlingMinutes", 8, "hourlyRate", 50))
                .put("/api/v1/baselines/" + id)
                .then()
                .statusCode(200)
                .body("version", equalTo(2));
        problem(as(other.admin).get("/api/v1/baselines/" + id), 404, "not-found");
        problem(
                as(other.admin)
                        .body(Map.of("workflow", "ap", "costPerItem", 1, "handlingMinutes", 1, "hourlyRate", 1))
                        .put("/api/v1/baselines/" + id),
                404,
                "not-found");
        problem(as(other.admin).delete("/api/v1/baselines/" + id), 404, "not-found");
        as(setup.admin).delete("/api/v1/baselines/" + id).then().statusCode(204);
        problem(as(setup.admin).get("/api/v1/baselines/" + id), 404, "not-found");

        // reports: dates, paging and roles
        for (String query : List.of(
                "?from=yesterday",
                "?from=2026-12-02&to=2026-12-01",
                "?limit=0",
                "?limit=abc",
                "?offset=-1",
                "?to=2026-02-30",
                "?taskType=" + "x".repeat(101))) {
            problem(as(setup.admin).get("/api/v1/reports/rollups" + query), 400, "validation-failed");
        }
        problem(as(setup.agentToken).get("/api/v1/reports/rollups"), 403, "forbidden");
        problem(as(setup.agentToken).get("/api/v1/reports/drift"), 403, "forbidden");
        anonymous().get("/api/v1/reports/drift").then().statusCode(401);
        assertThat(get(other.admin, "/api/v1/reports/drift").getList("items")).isEmpty();
    }

    private static void problem(Response response, int status, String type) {
        response.then()
                .statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:mandate:problem:" + type));
    }

    private static long start(String admin) {
        Response response = as(admin).post(START);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(202);
        return response.jsonPath().getLong("id");
    }

    private static JsonPath await(String admin, long id, String wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            JsonPath execution = get(admin, "/api/v1/jobs/executions/" + id);
            String status = execution.getString("batchStatus");
            if (status.equals(wanted)) {
                return execution;
            }
            assertThat(status)
                    .as("execution %d ended %s, not %s: %s", id, status, wanted, execution.prettify())
                    .isIn("STARTING", "STARTED", "STOPPING");
            assertThat(System.nanoTime())
                    .as("execution %d still %s", id, status)
                    .isLessThan(deadline);
            ReportsSetup.sleep(200);
        }
    }

    private static JsonPath rollups(String token, String query) {
        return get(token, "/api/v1/reports/rollups" + query);
    }

    /** Decimals as BigDecimal, not the Float RestAssured reads them as by default. */
    private static JsonPath get(String token, String path) {
        Response response = as(token)
                .config(RestAssuredConfig.config()
                        .jsonConfig(
                                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL)))
                .get(path);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath();
    }

    private static void assertMatches(Map<String, BigDecimal> row, Map<String, BigDecimal> truth) {
        BigDecimal tolerance = new BigDecimal("0.00001");
        for (String figure : List.of(
                "tasks",
                "resolved",
                "failed",
                "denied",
                "abandoned",
                "envelopes",
                "denied_envelopes",
                "tool_calls",
                "retries",
                "model_cost",
                "tool_cost",
                "review_cost",
                "total_cost",
                "p50",
                "p95",
                "latency_p50",
                "latency_p95",
                "roi",
                "success_rate",
                "escalated")) {
            assertThat(row.get(figure))
                    .as(figure)
                    .isCloseTo(truth.get(figure), within(figure.startsWith("latency") ? BigDecimal.ONE : tolerance));
        }
    }

    private static Map<String, BigDecimal> rollupRow(String tenant) throws SQLException {
        return one(
                "select tasks, resolved, failed, denied, abandoned, escalated, envelopes, denied_envelopes, tool_calls,"
                        + " retries, model_cost, tool_cost, review_cost, total_cost, resolved_cost_p50 as p50,"
                        + " resolved_cost_p95 as p95, latency_p50_ms as latency_p50, latency_p95_ms as latency_p95,"
                        + " roi, success_rate from cost_rollup where tenant_id = ?",
                tenant);
    }

    /**
     * The rollup's figures for the tenant's one agent and task type, computed independently in one query: a
     * reported outcome, else escalated / failed / resolved (executed) / denied / open as Mandate saw it; cost
     * = model usage + metered tool calls + review hours at the baseline's 40 per hour.
     */
    private static Map<String, BigDecimal> groundTruth(String tenant) throws SQLException {
        return one(
                "with t as (select agent_id, task_id, sum(cost) as model, count(*) as envelopes,   sum(case when"
                        + " decision = 'DENY' then 1 else 0 end) as denied_envelopes,   sum(case when decision ="
                        + " 'ESCALATE' then 1 else 0 end) as escalate,   min(created_at) as first_at, max(created_at) as"
                        + " last_at   from envelope where tenant_id = ? group by agent_id, task_id), x as (select"
                        + " agent_id, task_id, sum(cost) as tool, sum(attempts) as calls,   sum(greatest(attempts - 1, 0))"
                        + " as retries,   sum(case when status = 'FAILED' then 1 else 0 end) as failed,   sum(case when"
                        + " status = 'SUCCEEDED' then 1 else 0 end) as ok, max(finished_at) as fin   from execution where"
                        + " tenant_id = ? group by agent_id, task_id), i as (select e.agent_id, e.task_id, count(*) as"
                        + " items from escalation_item i   join envelope e on e.id = i.envelope_id where i.tenant_id = ?"
                        + " group by e.agent_id, e.task_id), f as (select t.*, coalesce(x.tool, 0) as tool,"
                        + " coalesce(x.calls, 0) as calls,   coalesce(x.retries, 0) as retries, coalesce(o.review_seconds,"
                        + " 0) as review,   coalesce(o.outcome, case when t.escalate > 0 or coalesce(i.items, 0) > 0 then"
                        + " 'ESCALATED'     when coalesce(x.failed, 0) > 0 then 'FAILED' when coalesce(x.ok, 0) > 0 then"
                        + " 'RESOLVED'     when t.denied_envelopes = t.envelopes then 'DENIED' else 'OPEN' end) as state, "
                        + "  o.complete_seconds, x.fin   from t left join x on x.agent_id = t.agent_id and x.task_id ="
                        + " t.task_id   left join i on i.agent_id = t.agent_id and i.task_id = t.task_id   left join"
                        + " task_outcome o on o.tenant_id = ? and o.agent_id = t.agent_id     and o.task_id = t.task_id),"
                        + " c as (select f.*, model + tool + review * 40.0 / 3600 as cost,   case when complete_seconds is"
                        + " not null then complete_seconds * 1000.0     when state = 'OPEN' then null     else"
                        + " extract(epoch from (greatest(last_at, coalesce(fin, last_at)) - first_at)) * 1000   end as"
                        + " latency from f) select count(*) as tasks, sum(case when state = 'RESOLVED' then 1 else 0 end)"
                        + " as resolved, sum(case when state = 'FAILED' then 1 else 0 end) as failed, sum(case when state"
                        + " = 'DENIED' then 1 else 0 end) as denied, sum(case when state = 'ABANDONED' then 1 else 0 end)"
                        + " as abandoned, sum(case when state = 'ESCALATED' then 1 else 0 end) as escalated,"
                        + " sum(envelopes) as envelopes, sum(denied_envelopes) as denied_envelopes, sum(calls) as"
                        + " tool_calls, sum(retries) as retries, sum(model) as model_cost, sum(tool) as tool_cost,"
                        + " sum(review * 40.0 / 3600) as review_cost, sum(cost) as total_cost, percentile_cont(0.5) within"
                        + " group (order by cost) filter (where state = 'RESOLVED') as p50, percentile_cont(0.95) within"
                        + " group (order by cost) filter (where state = 'RESOLVED') as p95, percentile_cont(0.5) within"
                        + " group (order by latency) as latency_p50, percentile_cont(0.95) within group (order by latency)"
                        + " as latency_p95, sum(case when state = 'RESOLVED' then 1 else 0 end) * (12.5 - sum(cost) /"
                        + " count(*))   + sum(case when state = 'RESOLVED' then 1 else 0 end) * 15 / 60.0 * 40 as roi,"
                        + " sum(case when state = 'RESOLVED' then 1 else 0 end) * 1.0 / count(*) as success_rate from c",
                tenant,
                tenant,
                tenant,
                tenant);
    }

    private static Map<String, BigDecimal> one(String sql, String... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(System.getProperty("mandate.it.jdbc-url"));
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).as("a row of " + sql).isTrue();
                Map<String, BigDecimal> figures = new HashMap<>();
                for (int c = 1; c <= row.getMetaData().getColumnCount(); c++) {
                    figures.put(row.getMetaData().getColumnLabel(c), row.getBigDecimal(c));
                }
                return figures;
            }
        }
    }
}
