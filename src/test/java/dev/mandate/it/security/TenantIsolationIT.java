package dev.mandate.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.http.Method;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The full matrix: every endpoint that takes an id, called by every role of another tenant with ids of
 * this tenant, answers 404 and changes nothing. A guard test fails when the OpenAPI document grows an
 * endpoint this matrix does not list.
 */
class TenantIsolationIT extends MandateIT {

    private static final String OWNER = newTenant();
    private static final String INTRUDER = newTenant();
    private static String agentId;
    private static String roleId;
    private static String assignmentId;
    private static String intruderRoleId;
    private static String envelopeId;
    private static String executionId;
    private static String alertId;
    private static String traceId;
    private static final String RULE_ID = "owned-rule";

    /** {@code refused}: roles refused (403) whatever the method, before any id is looked at. */
    record Call(Method method, String template, Object body, Set<String> refused) {
        Call(Method method, String template, Object body) {
            this(method, template, body, Set.of());
        }

        /** {@code adminOnly}: every role but the administrator's is refused. */
        Call(Method method, String template, Object body, boolean adminOnly) {
            this(method, template, body, adminOnly ? Set.of(Tokens.AUDITOR, Tokens.APPROVER) : Set.<String>of());
        }

        String path() {
            return template.replace("{ruleId}", RULE_ID)
                    .replace("{agentId}", agentId)
                    .replace("{roleId}", roleId)
                    .replace("{assignmentId}", assignmentId)
                    .replace("{intruderRoleId}", intruderRoleId)
                    .replace("{envelopeId}", envelopeId)
                    .replace("{executionId}", executionId)
                    .replace("{alertId}", alertId)
                    .replace("{traceId}", traceId);
        }

        /** The OpenAPI path this call exercises. */
        String openApiPath() {
            return template.replace("jobs/agent-census/", "jobs/{jobName}/")
                    .replace("readiness/owned-wf", "readiness/{workflowKey}")
                    .replace("tools/owned-tool", "tools/{key}")
                    .replace("tool-tiers/owned-tool", "tool-tiers/{tool}")
                    .replace("owned-wf", "{key}")
                    .replace("owned-task", "{key}")
                    .replace("versions/owned-v1", "versions/{version}")
                    .replace("{agentId}", "{id}")
                    .replace("{roleId}", "{id}")
                    .replace("{intruderRoleId}", "{id}")
                    .replace("{envelopeId}", "{id}")
                    .replace("{executionId}", "{id}")
                    .replace("rules/owned-alert-rule", "rules/{name}")
                    .replace("{alertId}", "{id}");
        }
    }

    private static final Map<String, Object> AGENT_BODY = Map.of("name", "hijacked", "sponsor", "intruder");
    private static final Map<String, Object> ROLE_BODY = Map.of("name", "hijacked", "permissions", List.of());
    private static final Map<String, Object> TOOL_BODY = Map.of(
            "key", "owned-tool",
            "name", "hijacked",
            "actions", List.of(Map.of("key", "get", "riskClass", "READ", "argumentSchema", Map.of("type", "object"))));
    private static final Map<String, Object> TASK_TYPE_BODY = Map.of(
            "key", "owned-task",
            "workflow", "owned-wf",
            "name", "hijacked",
            "definition", "d",
            "successCriteria", "s",
            "riskLevel", "LOW",
            "allowedTools", List.of());
    private static final Map<String, Object> RULE_BODY =
            Map.of("name", "hijacked", "kind", "EXPRESSION", "expression", "true", "effect", "ALLOW");

    static List<Call> calls() {
        return List.of(
                new Call(Method.GET, "/api/v1/agents/{agentId}", null),
                new Call(Method.PUT, "/api/v1/agents/{agentId}", AGENT_BODY),
                new Call(Method.PATCH, "/api/v1/agents/{agentId}", Map.of("sponsor", "intruder@example.com")),
                new Call(Method.DELETE, "/api/v1/agents/{agentId}", null),
                new Call(Method.PUT, "/api/v1/agents/{agentId}/status", Map.of("status", "SUSPENDED", "reason", "x")),
                new Call(Method.GET, "/api/v1/agents/{agentId}/status-history", null),
                new Call(Method.GET, "/api/v1/agents/{agentId}/roles", null),
                new Call(Method.GET, "/api/v1/agents/{agentId}/versions", null),
                new Call(Method.POST, "/api/v1/agents/{agentId}/versions", Map.of("version", "evil", "model", "m")),
                new Call(Method.GET, "/api/v1/agents/{agentId}/versions/owned-v1", null),
                new Call(Method.GET, "/api/v1/roles/{roleId}", null),
                new Call(Method.PUT, "/api/v1/roles/{roleId}", ROLE_BODY),
                new Call(Method.DELETE, "/api/v1/roles/{roleId}", null),
                new Call(Method.GET, "/api/v1/roles/{roleId}/assignments", null),
                new Call(
                        Method.POST,
                        "/api/v1/roles/{roleId}/assignments",
                        Map.of("principalType", "PERSON", "principal", "x")),
                new Call(Method.DELETE, "/api/v1/roles/{roleId}/assignments/{assignmentId}", null),
                // the intruder's own role, pointed at the owner's agent and assignment
                new Call(
                        Method.POST,
                        "/api/v1/roles/{intruderRoleId}/assignments",
                        Map.of("principalType", "AGENT", "principal", "{agentId}")),
                new Call(Method.DELETE, "/api/v1/roles/{intruderRoleId}/assignments/{assignmentId}", null),
                new Call(Method.GET, "/api/v1/agents/{agentId}/card", null),
                new Call(Method.PUT, "/api/v1/agents/{agentId}/tool-tiers/owned-tool", Map.of("tier", "AUTONOMOUS")),
                new Call(Method.DELETE, "/api/v1/agents/{agentId}/tool-tiers/owned-tool", null),
                new Call(Method.PUT, "/api/v1/agents/{agentId}/shadow-mode", Map.of("enabled", true)),
                // explain, envelopes and traces are evidence: administrators and auditors only (and the agent itself)
                new Call(Method.GET, "/api/v1/envelopes/{envelopeId}", null, Set.of(Tokens.APPROVER)),
                new Call(Method.GET, "/api/v1/envelopes/{envelopeId}/explain", null, Set.of(Tokens.APPROVER)),
                new Call(Method.GET, "/api/v1/traces/{traceId}", null, Set.of(Tokens.APPROVER)),
                new Call(Method.GET, "/api/v1/agents/{agentId}/current-version", null),
                new Call(Method.PUT, "/api/v1/agents/{agentId}/current-version", Map.of("version", "owned-v1")),
                new Call(Method.POST, "/api/v1/agents/{agentId}/current-version/rollback", Map.of()),
                new Call(Method.GET, "/api/v1/tools/owned-tool", null),
                new Call(Method.PUT, "/api/v1/tools/owned-tool", TOOL_BODY),
                new Call(Method.GET, "/api/v1/workflows/owned-wf", null),
                // the launch-readiness report is for administrators and auditors
                new Call(Method.GET, "/api/v1/reports/readiness/owned-wf", null, Set.of(Tokens.APPROVER)),
                new Call(Method.GET, "/api/v1/task-types/owned-task", null),
                new Call(Method.PUT, "/api/v1/task-types/owned-task", TASK_TYPE_BODY),
                new Call(Method.GET, "/api/v1/policies/rules/{ruleId}", null),
                new Call(Method.PUT, "/api/v1/policies/rules/{ruleId}", RULE_BODY),
                new Call(Method.DELETE, "/api/v1/policies/rules/{ruleId}", null),
                new Call(Method.GET, "/api/v1/policies/rules/{ruleId}/versions", null),
                // auditors read executions, approvers do not
                new Call(Method.GET, "/api/v1/jobs/executions/{executionId}", null, Set.of(Tokens.APPROVER)),
                new Call(
                        Method.GET,
                        "/api/v1/jobs/agent-census/executions/{executionId}",
                        null,
                        Set.of(Tokens.APPROVER)),
                new Call(Method.POST, "/api/v1/jobs/executions/{executionId}/stop", null, true),
                new Call(Method.POST, "/api/v1/jobs/executions/{executionId}/restart", null, true),
                // administrators and auditors read alerts and their rules, administrators act on them
                new Call(Method.GET, "/api/v1/alerts/{alertId}", null, Set.of(Tokens.APPROVER)),
                new Call(Method.POST, "/api/v1/alerts/{alertId}/acknowledge", Map.of("reason", "x"), true),
                new Call(Method.POST, "/api/v1/alerts/{alertId}/resolve", Map.of("reason", "x"), true),
                new Call(Method.GET, "/api/v1/alerts/rules/owned-alert-rule", null, Set.of(Tokens.APPROVER)),
                new Call(Method.DELETE, "/api/v1/alerts/rules/owned-alert-rule", null, true));
    }

    /**
     * Endpoints whose path parameter names no tenant's resource: they act on the caller's own tenant (a job
     * started counts the caller's agents only: JobsIT).
     */
    private static final Set<String> NOT_TENANT_IDS = Set.of(
            "POST /api/v1/jobs/{jobName}",
            "POST /api/v1/jobs/{jobName}/executions",
            // names the caller gives within its own tenant: another tenant's of the same name is never read
            "GET /api/v1/approval-policies/{selector}",
            "PUT /api/v1/approval-policies/{selector}",
            "DELETE /api/v1/approval-policies/{selector}",
            "GET /api/v1/sla-classes/{name}",
            "PUT /api/v1/sla-classes/{name}",
            "PUT /api/v1/alerts/rules/{name}",
            "DELETE /api/v1/sla-classes/{name}",
            "GET /api/v1/webhooks/{name}",
            "PUT /api/v1/webhooks/{name}",
            "DELETE /api/v1/webhooks/{name}",
            "POST /api/v1/webhooks/{name}/test",
            // an agent's own task id: another tenant's task of the same id is never read (ReportsIT)
            "GET /api/v1/tasks/{taskId}/outcome",
            "POST /api/v1/tasks/{taskId}/outcome",
            // eval datasets by name (EvalsIT also proves another tenant's are 404)
            "POST /api/v1/evals/datasets/{name}/versions",
            "GET /api/v1/evals/datasets/{name}/versions",
            "GET /api/v1/evals/datasets/{name}/versions/{version}",
            "GET /api/v1/evals/datasets/{name}/versions/{version}/cases");

    /**
     * Endpoints whose another tenant's ids are proven 404 by the tests of their feature, with the roles those
     * endpoints admit: ApprovalsIT and EscalationsIT (approvers and administrators of another tenant),
     * WebhooksIT (deliveries), ReportsIT (baselines), EvalsIT (eval runs and gates).
     */
    private static final Set<String> ISOLATED_IN_FEATURE_TESTS = Set.of(
            "GET /api/v1/approvals/{id}",
            "POST /api/v1/approvals/{id}/approve",
            "POST /api/v1/approvals/{id}/reject",
            "GET /api/v1/escalations/{id}",
            "POST /api/v1/escalations/{id}/claim",
            "POST /api/v1/escalations/{id}/release",
            "POST /api/v1/escalations/{id}/resolve",
            "POST /api/v1/escalations/{id}/check",
            "GET /api/v1/webhooks/deliveries/{id}",
            "POST /api/v1/webhooks/deliveries/{id}/redeliver",
            "GET /api/v1/baselines/{id}",
            "PUT /api/v1/baselines/{id}",
            "DELETE /api/v1/baselines/{id}",
            // EvalsIT: administrators and auditors of another tenant (the only roles these admit)
            "GET /api/v1/evals/runs/{id}",
            "GET /api/v1/evals/runs/{id}/results",
            "GET /api/v1/evals/gates/{id}");

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (String role : List.of(Tokens.ADMIN, Tokens.AUDITOR, Tokens.APPROVER)) {
            for (Call call : calls()) {
                rows.add(Arguments.of(role, call));
            }
        }
        return rows.stream();
    }

    @BeforeAll
    static void seed() {
        String owner = Tokens.admin(OWNER);
        agentId = Fixtures.agent(owner, "owned-agent").id();
        roleId = Fixtures.role(owner, "owned-role", false).id();
        created(as(owner)
                .body(Map.of("version", "owned-v1", "model", "m"))
                .post("/api/v1/agents/" + agentId + "/versions"));
        assignmentId = Fixtures.assignment(owner, roleId, "AGENT", agentId).id();
        intruderRoleId =
                Fixtures.role(Tokens.admin(INTRUDER), "intruder-role", false).id();
        Fixtures.policyRule(owner, RULE_ID, Map.of("kind", "EXPRESSION", "expression", "true", "effect", "DENY"));
        created(as(owner).body(TOOL_BODY).post("/api/v1/tools"));
        created(as(owner).body(Map.of("key", "owned-wf", "name", "w")).post("/api/v1/workflows"));
        Map<String, Object> taskType = new java.util.HashMap<>(TASK_TYPE_BODY);
        taskType.put("allowedTools", List.of(Map.of("tool", "owned-tool", "action", "get")));
        created(as(owner).body(taskType).post("/api/v1/task-types"));
        Response decided = as(Tokens.agent(OWNER, agentId))
                .body(Map.of(
                        "agentId",
                        agentId,
                        "taskId",
                        "t-1",
                        "taskType",
                        "owned-task",
                        "requestedAction",
                        Map.of("tool", "owned-tool", "action", "get", "arguments", Map.of())))
                .post("/api/v1/envelopes");
        assertThat(decided.statusCode()).as(decided.asString()).isEqualTo(200);
        envelopeId = decided.path("envelopeId");
        traceId = decided.path("traceId");
        // the envelope was denied (rule owned-rule): a rule firing at one denial opens an alert
        created(as(owner)
                .body(Map.of("metric", "DENIALS", "windowSeconds", 3600, "minCount", 1, "threshold", 1))
                .put("/api/v1/alerts/rules/owned-alert-rule"));
        alertId = as(owner)
                .post("/api/v1/alerts/evaluations")
                .jsonPath()
                .getString("outcomes.find { it.rule == 'owned-alert-rule' }.alertId");
        assertThat(alertId).isNotNull();
        Response census = as(owner).post("/api/v1/jobs/agent-census/executions");
        assertThat(census.statusCode()).as(census.asString()).isEqualTo(202);
        executionId = census.jsonPath().getString("id");
    }

    private static void created(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void anotherTenantsIdsAre404AndNothingChanges(String role, Call call) {
        long before = Database.footprint(OWNER);
        String etagBefore =
                as(Tokens.admin(OWNER)).get("/api/v1/agents/" + agentId).header("ETag");

        Object body = call.body() instanceof Map<?, ?> map && map.containsValue("{agentId}")
                ? Map.of("principalType", "AGENT", "principal", agentId)
                : call.body();
        var request = as(Tokens.of(INTRUDER, "intruder@" + INTRUDER, role)).header("If-Match", "\"1\"");
        if (body != null) {
            request.body(body);
        }
        Response response = request.request(call.method(), call.path());

        int expected = call.refused().contains(role)
                ? 403
                : role.equals(Tokens.ADMIN) || call.method() == Method.GET ? 404 : 403;
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(expected);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(Database.footprint(OWNER)).isEqualTo(before);
        assertThat(as(Tokens.admin(OWNER)).get("/api/v1/agents/" + agentId).header("ETag"))
                .isEqualTo(etagBefore);
    }

    @Test
    void listsShowOnlyTheCallersTenant() {
        String intruder = Tokens.admin(INTRUDER);
        assertThat(as(intruder).get("/api/v1/agents").jsonPath().getList("items.id", String.class))
                .doesNotContain(agentId);
        assertThat(as(intruder).get("/api/v1/roles").jsonPath().getList("items.id", String.class))
                .containsExactly(intruderRoleId);
    }

    @Test
    void theMatrixCoversEveryEndpointWithAnId() {
        JsonPath openApi =
                anonymous().accept("application/json").get("/openapi").jsonPath();
        Map<String, Map<String, Object>> paths = openApi.getMap("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, operations) -> {
            if (path.contains("{")) {
                operations.keySet().forEach(method -> documented.add(method.toUpperCase() + " " + path));
            }
        });
        Set<String> covered = new TreeSet<>();
        calls().forEach(call -> covered.add(call.method().name() + " " + call.openApiPath()));
        covered.addAll(NOT_TENANT_IDS);
        covered.addAll(ISOLATED_IN_FEATURE_TESTS);
        assertThat(covered).containsAll(documented);
    }
}
