package dev.mandate.it.decision;

import static dev.mandate.it.decision.DecisionSetup.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Per-task limits count per agent (a task id is the agent's choice, not a tenant-wide name), and a
 * decision that awaits approval keeps its reservation, shown as held for approval in the budget view.
 */
class BudgetScopeIT extends MandateIT {

    private final DecisionSetup setup = new DecisionSetup();

    private Response matchPo(String agentId, String taskType, String taskId) {
        Map<String, Object> body = new HashMap<>(envelope(agentId, taskType, "erp", "match_po", Map.of()));
        body.put("taskId", taskId);
        return as(Tokens.agent(setup.tenant, agentId))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body)
                .post("/api/v1/envelopes");
    }

    @Test
    void anotherAgentsTaskWithTheSameIdDoesNotCountAgainstIt() {
        String first = setup.agent("AUTONOMOUS");
        String second = setup.post(
                        "/api/v1/agents",
                        Map.of("name", "second-bot", "sponsor", "owner@example.com", "defaultTier", "AUTONOMOUS"))
                .path("id");
        setup.permit(second);
        // small-task allows two tool calls per task
        matchPo(first, "small-task", "task-1").then().body("decision", equalTo("ALLOW"));
        matchPo(first, "small-task", "task-1").then().body("decision", equalTo("ALLOW"));

        matchPo(second, "small-task", "task-1").then().body("decision", equalTo("ALLOW"));
        matchPo(second, "small-task", "task-1").then().body("decision", equalTo("ALLOW"));

        // each agent's own task is still capped
        matchPo(first, "small-task", "task-1")
                .then()
                .body("decision", equalTo("ESCALATE"))
                .body("reasons[0]", startsWith("BUDGET_EXHAUSTED: TASK"));
        matchPo(second, "small-task", "task-1").then().body("decision", equalTo("ESCALATE"));
        assertThat(Database.count(
                        "select count(*) from task_usage where tenant_id = ? and task_id = 'task-1'", setup.tenant))
                .isEqualTo(2);
    }

    @Test
    void aDecisionAwaitingApprovalHoldsItsReservationVisibly() {
        String agent = setup.agent("EXECUTE_WITH_APPROVAL");
        setup.put("/api/v1/budgets", Map.of("scope", "AGENT", "subject", agent, "period", "DAY", "maxCost", 10))
                .then()
                .statusCode(200);
        setup.put("/api/v1/budgets", Map.of("scope", "TENANT", "period", "DAY", "maxCost", 100))
                .then()
                .statusCode(200);

        String held = matchPo(agent, "pay-invoice", "task-held")
                .then()
                .body("decision", equalTo("REQUIRE_APPROVAL"))
                .body("budgetRemaining.'AGENT DAY'", equalTo(9))
                .extract()
                .path("envelopeId");
        matchPo(setup.agent("AUTONOMOUS"), "pay-invoice", "task-run").then().body("decision", equalTo("ALLOW"));

        Response budgets = as(setup.admin).get("/api/v1/budgets");
        budgets.then().statusCode(200);
        assertThat(budgets.jsonPath().getMap("find { it.scope == 'AGENT' }"))
                .containsEntry("spent", 1)
                .containsEntry("heldForApproval", 1)
                .containsEntry("remaining", 9);
        assertThat(budgets.jsonPath().getMap("find { it.scope == 'TENANT' }"))
                .containsEntry("spent", 2)
                .containsEntry("heldForApproval", 1)
                .containsEntry("remaining", 98)
                .containsKey("periodStart");
        assertThat(Database.count("select count(*) from budget_hold where envelope_id = ?", held))
                .as("one hold per budget, for the approval to spend or release")
                .isEqualTo(2);
        as(setup.admin)
                .get("/api/v1/envelopes/" + held + "/explain")
                .then()
                .body("explanation.steps.find { it.check == 'budget' }.outcome", equalTo("held for approval"));
    }
}
