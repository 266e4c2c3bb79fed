package dev.mandate.it.decision;

import static dev.mandate.it.decision.DecisionSetup.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The rollback runbooks: a policy set back to an earlier version and forward again, an agent back to its
 * previous version and forward again; each a new, audited version, refused precisely when there is nothing to
 * roll back to, and applied once when two operators roll back at the same moment.
 */
class RollbackIT extends MandateIT {

    private static Response rollBackPolicy(String token, String ifMatch, Map<String, Object> body) {
        var request = as(token);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.body(body).post("/api/v1/policies/rollback");
    }

    @Test
    void aPolicyIsRolledBackToAnEarlierVersionAndForwardAgain() {
        DecisionSetup setup = new DecisionSetup();
        String admin = setup.admin;
        String agent = setup.agent("AUTONOMOUS");
        Fixtures.policyRule(admin, "cap", Map.of("kind", "EXPRESSION", "expression", "false", "effect", "DENY"));
        as(admin)
                .header("If-Match", "\"1\"")
                .body(Map.of(
                        "name", "cap",
                        "kind", "EXPRESSION",
                        "expression", "task.action == 'match_po'",
                        "effect", "DENY",
                        "reason", "bad change"))
                .put("/api/v1/policies/rules/cap")
                .then()
                .statusCode(200);
        Fixtures.policyRule(admin, "extra", Map.of("kind", "EXPRESSION", "expression", "false", "effect", "ESCALATE"));
        Response set = as(admin).get("/api/v1/policies");
        assertThat(set.header("ETag")).isEqualTo("\"3\"");
        assertThat(setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()))
                        .<String>path("decision"))
                .isEqualTo("DENY");

        // without If-Match 428, with a stale one 412; nothing changes
        assertThat(rollBackPolicy(admin, null, Map.of()).statusCode()).isEqualTo(428);
        assertThat(rollBackPolicy(admin, "\"2\"", Map.of()).statusCode()).isEqualTo(412);
        assertThat(as(admin).get("/api/v1/policies").header("ETag")).isEqualTo("\"3\"");

        Response back = rollBackPolicy(admin, "\"3\"", Map.of("toVersion", 1, "reason", "bad cap"));
        assertThat(back.statusCode()).as(back.asString()).isEqualTo(200);
        assertThat(back.header("ETag")).isEqualTo("\"4\"");
        assertThat(back.<String>path("policyVersion")).isEqualTo("4");
        assertThat(back.<String>path("previousVersion")).isEqualTo("3");
        assertThat(back.<String>path("restoredVersion")).isEqualTo("1");
        assertThat(back.<List<String>>path("rules.ruleId")).containsExactly("cap", "extra");
        assertThat(back.<List<String>>path("rules.change")).containsExactly("UPDATED", "DELETED");
        assertThat(back.<List<Integer>>path("rules.ruleVersion")).containsExactly(3, 2);
        Response cap = as(admin).get("/api/v1/policies/rules/cap");
        assertThat(cap.<String>path("expression")).isEqualTo("false");
        assertThat(cap.header("ETag")).isEqualTo("\"3\"");
        as(admin).get("/api/v1/policies/rules/extra").then().statusCode(404);
        assertThat(as(admin).get("/api/v1/policies/rules/extra/versions").<List<String>>path("change"))
                .containsExactly("CREATED", "DELETED");
        // the next decision is made under the restored rules
        Response now = setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()));
        assertThat(now.<String>path("decision")).isEqualTo("ALLOW");
        assertThat(now.<String>path("policyVersion")).isEqualTo("4");

        Response audited = as(admin).get("/api/v1/audit/records?action=policy.rolled-back");
        assertThat(audited.<Integer>path("total")).isEqualTo(1);
        assertThat(audited.<String>path("items[0].actor")).isEqualTo("admin@" + setup.tenant);
        assertThat(audited.<Map<String, String>>path("items[0].details"))
                .containsEntry("fromVersion", "3")
                .containsEntry("toVersion", "1")
                .containsEntry("policyVersion", "4")
                .containsEntry("reason", "bad cap");

        // roll forward: the rollback was a version like any other
        Response forward = rollBackPolicy(admin, "\"4\"", Map.of("toVersion", 3));
        assertThat(forward.statusCode()).as(forward.asString()).isEqualTo(200);
        assertThat(forward.<String>path("policyVersion")).isEqualTo("5");
        assertThat(forward.<List<String>>path("rules.change")).containsExactly("UPDATED", "CREATED");
        assertThat(as(admin).get("/api/v1/policies/rules/cap").<String>path("expression"))
                .isEqualTo("task.action == 'match_po'");
        assertThat(as(admin).get("/api/v1/policies/rules/extra").header("ETag")).isEqualTo("\"3\"");

        // refused precisely
        Response same = rollBackPolicy(admin, "\"5\"", Map.of("toVersion", 3));
        assertThat(same.statusCode()).as(same.asString()).isEqualTo(409);
        assertThat(same.<String>path("detail")).contains("same rules");
        Response notEarlier = rollBackPolicy(admin, "\"5\"", Map.of("toVersion", 5));
        assertThat(notEarlier.statusCode()).isEqualTo(422);
        assertThat(notEarlier.<String>path("violations[0].field")).isEqualTo("toVersion");
        assertThat(rollBackPolicy(admin, "\"5\"", Map.of("toVersion", -1)).statusCode())
                .isEqualTo(400);
        assertThat(rollBackPolicy(Tokens.of(setup.tenant, "aud", Tokens.AUDITOR), "\"5\"", Map.of())
                        .statusCode())
                .isEqualTo(403);
        assertThat(rollBackPolicy(Tokens.of(setup.tenant, "carol", Tokens.APPROVER), "\"5\"", Map.of())
                        .statusCode())
                .isEqualTo(403);
        assertThat(as(admin).get("/api/v1/policies").header("ETag")).isEqualTo("\"5\"");
    }

    @Test
    void aTenantWithoutEarlierPolicyHasNothingToRollBackTo() {
        String admin = Tokens.admin(newTenant());
        Response nothing = rollBackPolicy(admin, "\"0\"", Map.of());
        assertThat(nothing.statusCode()).as(nothing.asString()).isEqualTo(409);
        assertThat(nothing.<String>path("detail")).contains("nothing to roll back to");
    }

    @Test
    void twoPolicyRollbacksAtOnceApplyOnce() throws Exception {
        String admin = Tokens.admin(newTenant());
        Fixtures.policyRule(admin, "one", Map.of("kind", "EXPRESSION", "expression", "false", "effect", "DENY"));
        Fixtures.policyRule(admin, "two", Map.of("kind", "EXPRESSION", "expression", "false", "effect", "DENY"));
        List<Integer> statuses =
                concurrently(() -> rollBackPolicy(admin, "\"2\"", Map.of()).statusCode());
        assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        assertThat(as(admin).get("/api/v1/policies").header("ETag")).isEqualTo("\"3\"");
        assertThat(as(admin)
                        .get("/api/v1/audit/records?action=policy.rolled-back")
                        .<Integer>path("total"))
                .isEqualTo(1);
    }

    private static Response version(String admin, String agent, String version) {
        return as(admin)
                .body(Map.of("version", version, "model", "m-" + version))
                .post("/api/v1/agents/" + agent + "/versions");
    }

    private static Response promote(String admin, String agent, String ifMatch, String version) {
        return as(admin)
                .header("If-Match", ifMatch)
                .body(Map.of("version", version, "reason", "release"))
                .put("/api/v1/agents/" + agent + "/current-version");
    }

    private static Response rollBackAgent(String admin, String agent, String ifMatch, Map<String, Object> body) {
        var request = as(admin);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.body(body).post("/api/v1/agents/" + agent + "/current-version/rollback");
    }

    private static int submitAs(DecisionSetup setup, String version) {
        Map<String, Object> body = envelope(setup.agent("AUTONOMOUS"), "pay-invoice", "erp", "match_po", Map.of());
        body.put("agentVersion", version);
        return setup.submit("AUTONOMOUS", body).statusCode();
    }

    @Test
    void anAgentIsRolledBackToItsPreviousVersionAndForwardAgain() {
        DecisionSetup setup = new DecisionSetup();
        String admin = setup.admin;
        String agent = setup.agent("AUTONOMOUS");
        for (String v : List.of("v1", "v2", "v3")) {
            assertThat(version(admin, agent, v).statusCode()).isEqualTo(201);
        }
        Response none = as(admin).get("/api/v1/agents/" + agent + "/current-version");
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.header("ETag")).isEqualTo("\"0\"");
        assertThat(none.<String>path("version")).isNull();
        // before any promotion every registered version may send envelopes
        assertThat(submitAs(setup, "v3")).isEqualTo(200);
        assertThat(rollBackAgent(admin, agent, "\"0\"", Map.of()).statusCode()).isEqualTo(409);

        assertThat(as(admin)
                        .body(Map.of("version", "v1"))
                        .put("/api/v1/agents/" + agent + "/current-version")
                        .statusCode())
                .isEqualTo(428);
        assertThat(promote(admin, agent, "\"0\"", "v9").statusCode()).isEqualTo(422);
        Response first = promote(admin, agent, "\"0\"", "v1");
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(200);
        assertThat(first.<String>path("version")).isEqualTo("v1");
        Response onlyOne = rollBackAgent(admin, agent, "\"1\"", Map.of());
        assertThat(onlyOne.statusCode()).isEqualTo(409);
        assertThat(onlyOne.<String>path("detail")).contains("nothing to roll back to");
        Response second = promote(admin, agent, "\"1\"", "v2");
        assertThat(second.header("ETag")).isEqualTo("\"2\"");
        assertThat(submitAs(setup, "v2")).isEqualTo(200);
        assertThat(submitAs(setup, "v1")).isEqualTo(422);

        assertThat(rollBackAgent(admin, agent, "\"1\"", Map.of()).statusCode()).isEqualTo(412);
        Response back = rollBackAgent(admin, agent, "\"2\"", Map.of("reason", "v2 misroutes invoices"));
        assertThat(back.statusCode()).as(back.asString()).isEqualTo(200);
        assertThat(back.<String>path("version")).isEqualTo("v1");
        assertThat(back.<String>path("history[0].change")).isEqualTo("ROLLED_BACK");
        assertThat(back.<String>path("history[0].previousVersion")).isEqualTo("v2");
        assertThat(back.<String>path("history[0].changedBy")).isEqualTo("admin@" + setup.tenant);
        assertThat(submitAs(setup, "v1")).isEqualTo(200);
        assertThat(submitAs(setup, "v2")).isEqualTo(422);

        // precise refusals: a version that was never current, the current one
        Response never = rollBackAgent(admin, agent, "\"3\"", Map.of("toVersion", "v3"));
        assertThat(never.statusCode()).isEqualTo(422);
        assertThat(never.<String>path("violations[0].field")).isEqualTo("toVersion");
        assertThat(rollBackAgent(admin, agent, "\"3\"", Map.of("toVersion", "v1"))
                        .statusCode())
                .isEqualTo(409);

        // rolling back the rollback rolls forward
        Response forward = rollBackAgent(admin, agent, "\"3\"", Map.of());
        assertThat(forward.<String>path("version")).isEqualTo("v2");
        assertThat(forward.<List<String>>path("history.version")).containsExactly("v2", "v1", "v2", "v1");

        Response audited =
                as(admin).get("/api/v1/audit/records?agentId=" + agent + "&action=agent.version-rolled-back");
        assertThat(audited.<Integer>path("total")).isEqualTo(2);
        assertThat(audited.<Map<String, String>>path("items[1].details"))
                .containsEntry("version", "v1")
                .containsEntry("previousVersion", "v2")
                .containsEntry("reason", "v2 misroutes invoices");

        assertThat(rollBackAgent(Tokens.of(setup.tenant, "aud", Tokens.AUDITOR), agent, "\"4\"", Map.of())
                        .statusCode())
                .isEqualTo(403);
        assertThat(rollBackAgent(Tokens.admin(newTenant()), agent, "\"4\"", Map.of())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void twoAgentRollbacksAtOnceApplyOnce() throws Exception {
        String admin = Tokens.admin(newTenant());
        String agent = Fixtures.agent(admin, "racer").id();
        version(admin, agent, "a");
        version(admin, agent, "b");
        promote(admin, agent, "\"0\"", "a").then().statusCode(200);
        promote(admin, agent, "\"1\"", "b").then().statusCode(200);
        List<Integer> statuses = concurrently(
                () -> rollBackAgent(admin, agent, "\"2\"", Map.of()).statusCode());
        assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        Response now = as(admin).get("/api/v1/agents/" + agent + "/current-version");
        assertThat(now.<String>path("version")).isEqualTo("a");
        assertThat(now.header("ETag")).isEqualTo("\"3\"");
    }

    private static List<Integer> concurrently(Callable<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                futures.add(pool.submit(call));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdown();
        }
    }
}
