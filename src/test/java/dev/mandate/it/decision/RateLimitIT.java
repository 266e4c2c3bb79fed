package dev.mandate.it.decision;

import static dev.mandate.it.decision.DecisionSetup.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rate-limit rules in the decision path, counted per agent (and tool) from time buckets. */
class RateLimitIT extends MandateIT {

    @Test
    void anAgentOverItsMinuteLimitIsDeniedAndOthersAreNot() {
        DecisionSetup setup = new DecisionSetup();
        Fixtures.policyRule(
                setup.admin,
                "three-a-minute",
                Map.of("kind", "RATE_LIMIT", "params", Map.of("counter", "agent_minute", "max", 3), "effect", "DENY"));
        String agent = setup.agent("AUTONOMOUS");
        for (int i = 0; i < 3; i++) {
            setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()))
                    .then()
                    .statusCode(200)
                    .body("decision", equalTo("ALLOW"));
        }
        setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()))
                .then()
                .statusCode(200)
                .body("decision", equalTo("DENY"))
                .body("ruleIds", equalTo(List.of("three-a-minute")))
                .body("reasons", hasItem(startsWith("POLICY_DENY: three-a-minute")));
        // the denial counts too: the agent's minute now holds four envelopes, in both bucket sizes
        assertThat(Database.count(
                        "select sum(envelopes) from rate_counter where agent_id = ? and span_seconds = 5", agent))
                .isEqualTo(4);
        assertThat(Database.count(
                        "select sum(envelopes) from rate_counter where agent_id = ? and span_seconds = 60", agent))
                .isEqualTo(4);
        // another agent of the tenant has its own counters
        String other = setup.agent("EXECUTE_WITH_APPROVAL");
        setup.submit(
                        "EXECUTE_WITH_APPROVAL",
                        envelope(other, "pay-invoice", "erp", "read_invoice", Map.of("invoiceId", "I")))
                .then()
                .body("decision", equalTo("ALLOW"));
    }

    @Test
    void aToolLimitCountsOnlyThatTool() {
        DecisionSetup setup = new DecisionSetup();
        Fixtures.policyRule(
                setup.admin,
                "two-matches-an-hour",
                Map.of(
                        "kind",
                        "RATE_LIMIT",
                        "params",
                        Map.of("counter", "agent_tool_hour", "max", 2, "when", "task.action == 'match_po'"),
                        "effect",
                        "DENY"));
        String agent = setup.agent("AUTONOMOUS");
        for (int i = 0; i < 2; i++) {
            setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()))
                    .then()
                    .body("decision", equalTo("ALLOW"));
        }
        setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()))
                .then()
                .body("decision", equalTo("DENY"))
                .body("ruleIds", equalTo(List.of("two-matches-an-hour")));
        // reads of the same tool are not matched by the rule's when; they are still counted
        setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "read_invoice", Map.of("invoiceId", "I")))
                .then()
                .body("decision", equalTo("ALLOW"));
    }
}
