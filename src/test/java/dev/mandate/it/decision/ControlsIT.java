package dev.mandate.it.decision;

import static dev.mandate.it.decision.DecisionSetup.envelope;
import static dev.mandate.it.decision.DecisionSetup.pay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Kill switch, shadow mode and budgets: the controls that overrule an otherwise allowed action. */
class ControlsIT extends MandateIT {

    @Test
    void killSwitchStopsEverythingThatCouldExecuteButLetsReadsPass() {
        DecisionSetup setup = new DecisionSetup();
        String agent = setup.agent("AUTONOMOUS");
        for (Map<String, Object> kill : List.of(
                Map.<String, Object>of("scope", "TENANT", "active", true, "reason", "incident 7"),
                Map.<String, Object>of("scope", "AGENT", "target", agent, "active", true, "reason", "runaway loop"),
                Map.<String, Object>of("scope", "TOOL", "target", "erp", "active", true, "reason", "ERP migration"))) {
            setup.put("/api/v1/kill-switches", kill)
                    .then()
                    .statusCode(200)
                    .body("active", equalTo(true))
                    .body("changedBy", equalTo("admin@" + setup.tenant));

            setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()))
                    .then()
                    .body("decision", equalTo("DENY"))
                    .body("reasons[0]", startsWith("KILL_SWITCH: " + kill.get("scope")));
            setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "read_invoice", Map.of("invoiceId", "I")))
                    .then()
                    .body("decision", equalTo("ALLOW"));

            Map<String, Object> off = new java.util.HashMap<>(kill);
            off.put("active", false);
            off.put("reason", "resolved");
            setup.put("/api/v1/kill-switches", off).then().statusCode(200).body("active", equalTo(false));
            setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()))
                    .then()
                    .body("decision", equalTo("ALLOW"));
        }
        as(setup.admin)
                .get("/api/v1/kill-switches")
                .then()
                .statusCode(200)
                // the platform's GLOBAL switch is listed in every tenant (another test may have flipped it)
                .body("findAll { it.scope != 'GLOBAL' }.size()", equalTo(3))
                .body("findAll { it.scope != 'GLOBAL' }.reason", equalTo(List.of("resolved", "resolved", "resolved")));
    }

    @Test
    void onlyThePlatformOperatorFlipsTheGlobalSwitchAndOnlyAdminsFlipAny() {
        DecisionSetup setup = new DecisionSetup();
        setup.put("/api/v1/kill-switches", Map.of("scope", "GLOBAL", "active", true, "reason", "x"))
                .then()
                .statusCode(403);
        as(Tokens.of(setup.tenant, "aud", Tokens.AUDITOR))
                .body(Map.of("scope", "TENANT", "active", true, "reason", "x"))
                .put("/api/v1/kill-switches")
                .then()
                .statusCode(403);
        setup.put("/api/v1/kill-switches", Map.of("scope", "AGENT", "active", true, "reason", "no target"))
                .then()
                .statusCode(400);
        setup.put("/api/v1/kill-switches", Map.of("scope", "TOOL", "target", "nope", "active", true, "reason", "x"))
                .then()
                .statusCode(404);
    }

    @Test
    void shadowModeDecidesAndExecutesNothing() {
        DecisionSetup setup = new DecisionSetup();
        String agent = setup.agent("AUTONOMOUS");
        String etag = as(setup.admin).get("/api/v1/agents/" + agent).header("ETag");
        as(setup.admin)
                .header("If-Match", etag)
                .body(Map.of("enabled", true))
                .put("/api/v1/agents/" + agent + "/shadow-mode")
                .then()
                .statusCode(200);

        setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()))
                .then()
                .body("decision", equalTo("SHADOW"))
                .body("reasons[0]", equalTo("SHADOW_MODE: would have been ALLOW"));
        setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "pay", pay(70_000)))
                .then()
                .body("decision", equalTo("SHADOW"))
                .body("reasons[0]", equalTo("SHADOW_MODE: would have been DENY"));
    }

    @Test
    void hundredConcurrentEnvelopesAgainstFiftyLeftOverspendNothing() throws Exception {
        DecisionSetup setup = new DecisionSetup();
        String agent = setup.agent("AUTONOMOUS");
        setup.put("/api/v1/budgets", Map.of("scope", "AGENT", "subject", agent, "period", "DAY", "maxCost", 50))
                .then()
                .statusCode(200);

        ExecutorService pool = Executors.newFixedThreadPool(25);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> decisions = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Callable<String> call = () -> {
                start.await();
                return setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()))
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("decision");
            };
            decisions.add(pool.submit(call));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> decision : decisions) {
            outcomes.add(decision.get());
        }
        pool.shutdown();

        assertThat(outcomes).filteredOn("ALLOW"::equals).hasSize(50);
        assertThat(outcomes).filteredOn("ESCALATE"::equals).hasSize(50);
        setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()))
                .then()
                .body("decision", equalTo("ESCALATE"))
                .body("reasons[0]", equalTo("BUDGET_EXHAUSTED: AGENT DAY budget exhausted (limit 50.0000)"))
                .body("budgetRemaining.'AGENT DAY'", equalTo(0));
    }
}
