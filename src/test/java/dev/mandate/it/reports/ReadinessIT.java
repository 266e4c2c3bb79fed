package dev.mandate.it.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.mandate.it.jobs.JobRuns;
import dev.mandate.it.support.Database;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The launch-readiness report on the deployed EAR: a workflow that meets none of the five criteria says why for
 * each; once it has refusal conditions, a verified audit, a release gate and a version to roll back to, target
 * escalation rates with an approval policy, and a cost rollup, every criterion is MET and it is ready. The
 * HTML export escapes a hostile workflow name and loads nothing from elsewhere; other tenants, agents and
 * approvers see nothing, and a malformed key is a 400.
 */
class ReadinessIT extends MandateIT {

    static final String WORKFLOW = "payables";
    static final String HOSTILE_NAME = "<script>alert('x')</script> Payables & \"more\"";
    static final String TASK_TYPE = "pay-invoice";
    static final String READINESS = "/api/v1/reports/readiness";

    static final String TENANT = newTenant();
    static final String ADMIN = Tokens.admin(TENANT);
    static String agentId;

    @BeforeAll
    static void aWorkflowThatMeetsNothing() {
        created(as(ADMIN)
                .body(Map.of(
                        "key",
                        "erp",
                        "name",
                        "ERP",
                        "actions",
                        List.of(Map.of(
                                "key",
                                "read_invoice",
                                "riskClass",
                                "READ",
                                "argumentSchema",
                                Map.of("type", "object")))))
                .post("/api/v1/tools"));
        created(as(ADMIN).body(Map.of("key", WORKFLOW, "name", HOSTILE_NAME)).post("/api/v1/workflows"));
        created(as(ADMIN)
                .body(Map.of("key", "bare", "name", "No task types yet"))
                .post("/api/v1/workflows"));
        created(as(ADMIN).body(taskType(false)).post("/api/v1/task-types"));
        Map<String, Object> agent = Map.of(
                "name",
                "invoice-clerk",
                "sponsor",
                "owner@example.com",
                "defaultTier",
                "SUGGEST_ONLY",
                "workflow",
                WORKFLOW);
        agentId = created(as(ADMIN).body(agent).post("/api/v1/agents")).path("id");
    }

    /** The task type; {@code bounded}: with a refusal condition and a target escalation rate. */
    static Map<String, Object> taskType(boolean bounded) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "key", TASK_TYPE,
                "workflow", WORKFLOW,
                "name", "Pay an approved invoice",
                "definition", "Pay a supplier invoice that matches its purchase order",
                "successCriteria", "Paid once, the right amount",
                "riskLevel", "HIGH",
                "allowedTools", List.of(Map.of("tool", "erp", "action", "*"))));
        if (bounded) {
            body.put(
                    "refusalConditions",
                    List.of(Map.of(
                            "fieldPath", "requestedAction.arguments.amount",
                            "operator", "GREATER_THAN",
                            "operand", "50000",
                            "reason", "amounts over 50,000 are paid by treasury")));
            body.put("targets", Map.of("escalationRate", 0.1));
        }
        return body;
    }

    @Test
    void aWorkflowMeetsEachCriterionOnceItHasWhatItNeeds() {
        // someone with database access edits a record of the tenant's audit
        String recordId =
                Database.text("select id from audit_record where tenant_id = ? order by recorded_at, id", TENANT);
        String outcome = Database.text("select outcome from audit_record where id = ?", recordId);
        Database.execute("update audit_record set outcome = 'TAMPERED' where id = ?", recordId);

        JsonPath nothing = readiness(ADMIN, WORKFLOW);
        assertThat(nothing.getString("workflow")).isEqualTo(WORKFLOW);
        assertThat(nothing.getString("name")).isEqualTo(HOSTILE_NAME);
        assertThat(nothing.getBoolean("ready")).isFalse();
        assertThat(nothing.getString("evaluatedAt")).endsWith("Z");
        assertThat(nothing.getList("criteria.criterion"))
                .containsExactly(
                        "TASK_BOUNDARIES",
                        "AUDIT_VERIFIES",
                        "EVALS_WITH_ROLLBACK",
                        "ESCALATION_BUDGET",
                        "COST_LATENCY_DATA");
        assertThat(nothing.getList("criteria.status")).containsOnly("NOT_MET");
        assertThat(nothing.getList("criteria.title", String.class))
                .allSatisfy(t -> assertThat(t).isNotBlank());
        assertThat(evidence(nothing, "TASK_BOUNDARIES"))
                .isEqualTo("1 of 1 task type lacks what it needs: pay-invoice (no refusal condition).");
        assertThat(link(nothing, "TASK_BOUNDARIES")).isEqualTo("/api/v1/workflows/" + WORKFLOW);
        // no run of the audit-verification job yet: verified for the report, and the edit is found
        assertThat(evidence(nothing, "AUDIT_VERIFIES"))
                .startsWith("Verified now, as no run of the audit-verification job is recent enough:")
                .contains("1 of ")
                .contains("(EDITED)");
        assertThat(nothing.getString(criterion("AUDIT_VERIFIES") + ".details.source"))
                .isEqualTo("VERIFIED_NOW");
        assertThat(link(nothing, "AUDIT_VERIFIES")).isEqualTo("/api/v1/audit/verify");
        assertThat(evidence(nothing, "EVALS_WITH_ROLLBACK"))
                .isEqualTo("0 release gates decided in the last 30 days, covering 0 of 1 task type (no gate for"
                        + " pay-invoice); 0 of 1 agent can roll back to a previous version (invoice-clerk: no current"
                        + " version).");
        assertThat(evidence(nothing, "ESCALATION_BUDGET"))
                .isEqualTo("0 of 1 task type have a target escalation rate; none for pay-invoice; no approval"
                        + " policy or SLA class of the tenant's own routes approvals and escalations (only the"
                        + " built-in default applies).");
        assertThat(evidence(nothing, "COST_LATENCY_DATA"))
                .startsWith("Cost and outcome rollups of the last 7 days (from ")
                .endsWith("0 of 1 task type have data, 0 tasks in all; none for pay-invoice.");
        assertThat(link(nothing, "COST_LATENCY_DATA")).startsWith("/api/v1/reports/rollups?from=");

        // the nightly verification runs while the record is edited: its verdict is the evidence now
        JobRuns jobs = new JobRuns(() -> as(ADMIN));
        long broken = jobs.start("audit-verification", Map.of());
        jobs.await(broken, "FAILED");
        JsonPath fromJob = readiness(ADMIN, WORKFLOW);
        assertThat(status(fromJob, "AUDIT_VERIFIES")).isEqualTo("NOT_MET");
        assertThat(evidence(fromJob, "AUDIT_VERIFIES"))
                .startsWith("The audit-verification job (execution " + broken + ", ended ")
                .contains("(EDITED)");
        assertThat(link(fromJob, "AUDIT_VERIFIES")).isEqualTo("/api/v1/jobs/audit-verification/executions/" + broken);

        // what each criterion needs: refusal conditions and targets, the edit undone and verified again,
        Response current = as(ADMIN).get("/api/v1/task-types/" + TASK_TYPE);
        assertThat(as(ADMIN)
                        .header("If-Match", current.header("ETag"))
                        .body(taskType(true))
                        .put("/api/v1/task-types/" + TASK_TYPE)
                        .statusCode())
                .isEqualTo(200);
        Database.execute("update audit_record set outcome = ? where id = ?", outcome, recordId);
        long valid = jobs.start("audit-verification", Map.of());
        jobs.await(valid, "COMPLETED");
        // an approval policy for the task type,
        assertThat(as(ADMIN)
                        .body(Map.of("requiredApprovals", 1, "slaClass", "standard"))
                        .put("/api/v1/approval-policies/task-type:" + TASK_TYPE)
                        .statusCode())
                .isEqualTo(200);
        // a release gate of the agent's second version against its first, then both made current in turn,
        releaseGate();
        promote("\"0\"", "v1");
        promote("\"1\"", "v2");
        // and a day of cost and outcomes rolled up
        Response envelope = as(Tokens.agent(TENANT, agentId))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of(
                        "agentId",
                        agentId,
                        "taskId",
                        "inv-1",
                        "taskType",
                        TASK_TYPE,
                        "requestedAction",
                        Map.of("tool", "erp", "action", "read_invoice", "arguments", Map.of("invoiceId", "INV-1"))))
                .post("/api/v1/envelopes");
        assertThat(envelope.statusCode()).as(envelope.asString()).isEqualTo(200);
        jobs.await(jobs.start("cost-rollup", Map.of()), "COMPLETED");

        JsonPath ready = readiness(Tokens.of(TENANT, "auditor@" + TENANT, Tokens.AUDITOR), WORKFLOW);
        assertThat(ready.getList("criteria.status"))
                .as(ready.prettify())
                .containsOnly("MET")
                .hasSize(5);
        assertThat(ready.getBoolean("ready")).isTrue();
        assertThat(evidence(ready, "TASK_BOUNDARIES"))
                .isEqualTo("The 1 task type has a definition, success criteria and at least one refusal condition"
                        + " (1 refusal condition in all).");
        assertThat(evidence(ready, "AUDIT_VERIFIES"))
                .startsWith("The audit-verification job (execution " + valid + ", ended ")
                .endsWith(": all valid.");
        assertThat(ready.getString(criterion("AUDIT_VERIFIES") + ".details.source"))
                .isEqualTo("NIGHTLY_JOB");
        assertThat(evidence(ready, "EVALS_WITH_ROLLBACK"))
                .startsWith("1 release gate decided in the last 30 days (the latest ")
                .endsWith("covering 1 of 1 task type; 1 of 1 agent can roll back to a previous version.");
        assertThat(evidence(ready, "ESCALATION_BUDGET"))
                .isEqualTo("1 of 1 task type have a target escalation rate (pay-invoice 10%); approvals and"
                        + " escalations are routed by approval policies task-type:pay-invoice.");
        assertThat(evidence(ready, "COST_LATENCY_DATA")).contains("1 of 1 task type have data, 1 task in all");
        assertThat(ready.getInt(criterion("COST_LATENCY_DATA") + ".details.rollups[0].tasks"))
                .isEqualTo(1);

        // the list has every workflow of the tenant; one without task types is not ready, and says so
        JsonPath all = get(ADMIN, READINESS, 200).jsonPath();
        assertThat(all.getList("items.workflow")).containsExactly("bare", WORKFLOW);
        assertThat(all.getBoolean("items.find { it.workflow == 'payables' }.ready"))
                .isTrue();
        assertThat(all.getString("items[0].criteria[0].evidence")).startsWith("The workflow has no task types");
        assertThat(all.getList("items[0].criteria.status")).contains("NOT_MET");
    }

    @Test
    void theHtmlExportEscapesEveryValueAndLoadsNothingFromElsewhere() {
        Response page = as(ADMIN).accept("text/html").get(READINESS + "/" + WORKFLOW);
        assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Content-Disposition")).isNull();
        assertThat(page.header("Content-Security-Policy")).isEqualTo("default-src 'none'; style-src 'unsafe-inline'");
        String html = page.asString();
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Payables &amp; &quot;more&quot;")
                .doesNotContain("<script")
                .doesNotContain("alert('x')")
                .doesNotContainPattern("(?i)(src|href)\\s*=")
                .doesNotContain("http://", "https://", "//")
                .contains("TASK_BOUNDARIES", "COST_LATENCY_DATA");

        Response download = as(ADMIN).get(READINESS + "/" + WORKFLOW + "?format=html&download=true");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.contentType()).startsWith("text/html");
        assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=readiness-payables.html");

        Response list =
                as(ADMIN).accept("text/html,application/xhtml+xml,*/*;q=0.8").get(READINESS);
        assertThat(list.contentType()).startsWith("text/html");
        assertThat(list.asString()).contains("No task types yet").doesNotContain("<script");
        // JSON stays the default, also for */* and when asked for by name
        assertThat(as(ADMIN).accept("*/*").get(READINESS).contentType()).startsWith("application/json");
        assertThat(as(ADMIN).accept("text/html").get(READINESS + "?format=json").contentType())
                .startsWith("application/json");
        assertThat(as(ADMIN).get(READINESS + "/" + WORKFLOW).jsonPath().getString("name"))
                .isEqualTo(HOSTILE_NAME);
    }

    @Test
    void otherTenantsRolesAndMalformedRequestsAreProblems() {
        String other = Tokens.admin(newTenant());
        Fixtures.agent(other, "someone-else");
        problem(get(other, READINESS + "/" + WORKFLOW, 404), "not-found");
        problem(as(other).accept("text/html").get(READINESS + "/" + WORKFLOW), 404, "not-found");
        assertThat(get(other, READINESS, 200).jsonPath().getList("items")).isEmpty();
        problem(get(ADMIN, READINESS + "/no-such-workflow", 404), "not-found");

        for (String role : List.of(Tokens.AGENT, Tokens.APPROVER)) {
            String token = Tokens.of(TENANT, role.equals(Tokens.AGENT) ? agentId : "carol@" + TENANT, role);
            problem(get(token, READINESS, 403), "forbidden");
            problem(get(token, READINESS + "/" + WORKFLOW, 403), "forbidden");
        }
        anonymous().get(READINESS).then().statusCode(401);

        for (String key : List.of("Payables", "-payables", "pay_ables", "pay.ables", "x".repeat(101), "%20")) {
            Response answer = get(ADMIN, READINESS + "/" + key, 400);
            problem(answer, "validation-failed");
            assertThat(answer.<List<String>>path("violations.field")).containsExactly("workflowKey");
        }
        problem(get(ADMIN, READINESS + "?format=xml", 400), "validation-failed");
        problem(get(ADMIN, READINESS + "/" + WORKFLOW + "?download=yes", 400), "validation-failed");
        assertThat(as(ADMIN).accept("application/xml").get(READINESS).statusCode())
                .isEqualTo(406);
    }

    /** Two eval runs of one dataset, the agent's v2 against its v1, and the gate between them. */
    static void releaseGate() {
        for (String version : List.of("v1", "v2")) {
            created(as(ADMIN)
                    .body(Map.of("version", version, "model", "model-" + version))
                    .post("/api/v1/agents/" + agentId + "/versions"));
        }
        StringBuilder cases = new StringBuilder();
        for (int n = 1; n <= 4; n++) {
            cases.append("{\"key\":\"c-")
                    .append(n)
                    .append("\",\"kind\":\"GOLDEN\",\"taskType\":\"")
                    .append(TASK_TYPE)
                    .append("\",\"input\":{\"taskId\":\"c-")
                    .append(n)
                    .append("\",\"requestedAction\":{\"tool\":\"erp\",\"action\":\"read_invoice\",\"arguments\":")
                    .append("{\"invoiceId\":\"INV-")
                    .append(n)
                    .append("\"}}},\"expected\":{\"decision\":\"DENY\"}}\n");
        }
        created(as(ADMIN)
                .contentType("application/x-ndjson")
                .body(cases.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/evals/datasets/payables-golden/versions"));
        String first = evalRun("v1");
        String second = evalRun("v2");
        created(as(ADMIN)
                .body(Map.of("candidateRun", second, "currentRun", first))
                .post("/api/v1/evals/gates"));
    }

    static String evalRun(String version) {
        Response started = as(ADMIN)
                .body(Map.of(
                        "dataset", "payables-golden", "datasetVersion", 1, "agentId", agentId, "agentVersion", version))
                .post("/api/v1/evals/runs");
        assertThat(started.statusCode()).as(started.asString()).isEqualTo(202);
        String id = started.path("id");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            JsonPath run = get(ADMIN, "/api/v1/evals/runs/" + id, 200).jsonPath();
            if (run.getString("status").equals("COMPLETED")) {
                return id;
            }
            assertThat(run.getString("status")).as(run.prettify()).isIn("STARTING", "RUNNING");
            assertThat(System.nanoTime()).as("run %s still running", id).isLessThan(deadline);
            ReportsSetup.sleep(200);
        }
    }

    static void promote(String ifMatch, String version) {
        Response promoted = as(ADMIN)
                .header("If-Match", ifMatch)
                .body(Map.of("version", version, "reason", "release"))
                .put("/api/v1/agents/" + agentId + "/current-version");
        assertThat(promoted.statusCode()).as(promoted.asString()).isEqualTo(200);
    }

    static JsonPath readiness(String token, String workflow) {
        return get(token, READINESS + "/" + workflow, 200).jsonPath();
    }

    static Response get(String token, String path, int status) {
        Response response = as(token).get(path);
        assertThat(response.statusCode()).as(path + ": " + response.asString()).isEqualTo(status);
        return response;
    }

    static String criterion(String name) {
        return "criteria.find { it.criterion == '" + name + "' }";
    }

    static String evidence(JsonPath report, String name) {
        return report.getString(criterion(name) + ".evidence");
    }

    static String status(JsonPath report, String name) {
        return report.getString(criterion(name) + ".status");
    }

    static String link(JsonPath report, String name) {
        return report.getString(criterion(name) + ".link");
    }

    static Response created(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        return response;
    }

    static void problem(Response response, String type) {
        problem(response, response.statusCode(), type);
    }

    static void problem(Response response, int status, String type) {
        response.then()
                .statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:mandate:problem:" + type));
    }
}
