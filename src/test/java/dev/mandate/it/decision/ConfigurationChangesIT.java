package dev.mandate.it.decision;

import static dev.mandate.it.decision.DecisionSetup.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.mandate.it.support.Asadmin;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server keeps the configuration decisions read (task types, tools, tiers, kill switches, budgets,
 * policy) until it changes: each kind of change must reach the very next decision, including the ones
 * made in another tenant (the global kill switch).
 */
class ConfigurationChangesIT extends MandateIT {

    private final DecisionSetup setup = new DecisionSetup();
    private final String agent = setup.agent("AUTONOMOUS");

    private String decide(String taskType, String tool, String action) {
        return setup.submit("AUTONOMOUS", envelope(agent, taskType, tool, action, Map.of()))
                .then()
                .statusCode(200)
                .extract()
                .path("decision");
    }

    private void allowed() {
        setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()))
                .then()
                .statusCode(200)
                .body("decision", equalTo("ALLOW"));
    }

    @Test
    void everyKindOfChangeReachesTheNextDecision() {
        allowed();

        // a task type and a tool created after the configuration was first read
        setup.submit("AUTONOMOUS", envelope(agent, "late-task", "crm", "note", Map.of()))
                .then()
                .statusCode(422);
        setup.post(
                "/api/v1/tools",
                Map.of(
                        "key",
                        "crm",
                        "name",
                        "CRM",
                        "actions",
                        List.of(DecisionSetup.action("note", "WRITE", Map.of()))));
        setup.post(
                "/api/v1/task-types",
                Map.of(
                        "key", "late-task",
                        "workflow", "accounts-payable",
                        "name", "Late",
                        "definition", "d",
                        "successCriteria", "s",
                        "riskLevel", "LOW",
                        "allowedTools", List.of(Map.of("tool", "crm", "action", "note"))));
        // no role of the agent permits the new tool yet; a role that does, assigned
        assertThat(decide("late-task", "crm", "note")).isEqualTo("DENY");
        String crmRole = setup.post(
                        "/api/v1/roles",
                        Map.of(
                                "name",
                                "crm-notes",
                                "approver",
                                false,
                                "permissions",
                                List.of(Map.of("tool", "crm", "action", "note"))))
                .path("id");
        setup.post("/api/v1/roles/" + crmRole + "/assignments", Map.of("principalType", "AGENT", "principal", agent));
        assertThat(decide("late-task", "crm", "note")).isEqualTo("ALLOW");

        // an authority tier override, and its removal
        setup.put("/api/v1/agents/" + agent + "/tool-tiers/erp", Map.of("tier", "READ_ONLY"))
                .then()
                .statusCode(200);
        assertThat(decide("pay-invoice", "erp", "match_po")).isEqualTo("DENY");
        as(setup.admin)
                .delete("/api/v1/agents/" + agent + "/tool-tiers/erp")
                .then()
                .statusCode(204);
        allowed();

        // a policy rule
        Fixtures.Created rule = Fixtures.policyRule(
                setup.admin,
                "no-matching",
                Map.of(
                        "kind",
                        "EXPRESSION",
                        "expression",
                        "task.action == 'match_po'",
                        "effect",
                        "DENY",
                        "reason",
                        "matching is paused"));
        setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()))
                .then()
                .body("decision", equalTo("DENY"))
                .body("ruleIds", equalTo(List.of("no-matching")));
        as(setup.admin)
                .header("If-Match", rule.etag())
                .delete("/api/v1/policies/rules/no-matching")
                .then()
                .statusCode(204);
        allowed();

        // a budget (each envelope costs 1)
        setup.put("/api/v1/budgets", Map.of("scope", "AGENT", "subject", agent, "period", "DAY", "maxCost", 0.5))
                .then()
                .statusCode(200);
        setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()))
                .then()
                .body("decision", equalTo("ESCALATE"))
                .body("reasons", hasItem(startsWith("BUDGET_EXHAUSTED")));
    }

    @Test
    void theGlobalKillSwitchReachesEveryTenantAtOnce() {
        allowed();
        String operator = newTenant();
        Asadmin.setProperty("mandate.platform.operator-tenant", operator);
        try {
            as(Tokens.admin(operator))
                    .body(Map.of("scope", "GLOBAL", "active", true, "reason", "platform incident"))
                    .put("/api/v1/kill-switches")
                    .then()
                    .statusCode(200);
            setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()))
                    .then()
                    .body("decision", equalTo("DENY"))
                    .body("reasons[0]", startsWith("KILL_SWITCH: GLOBAL"));
        } finally {
            as(Tokens.admin(operator))
                    .body(Map.of("scope", "GLOBAL", "active", false, "reason", "resolved"))
                    .put("/api/v1/kill-switches")
                    .then()
                    .statusCode(200);
            Asadmin.removeProperty("mandate.platform.operator-tenant");
        }
        allowed();
    }
}
