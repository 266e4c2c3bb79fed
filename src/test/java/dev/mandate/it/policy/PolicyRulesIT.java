package dev.mandate.it.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policy rules over HTTP: authoring, versions, the policy version, what-if, bad input, tenants and roles. */
class PolicyRulesIT extends MandateIT {

    private static final String RULES = "/api/v1/policies/rules";

    private final String tenant = newTenant();
    private final String admin = Tokens.admin(tenant);

    private static Map<String, Object> amountCap(String ruleId, int max) {
        return new HashMap<>(Map.of(
                "ruleId",
                ruleId,
                "name",
                "payments above " + max,
                "priority",
                10,
                "kind",
                "AMOUNT_CAP",
                "params",
                Map.of("path", "amount", "max", max),
                "effect",
                "REQUIRE_APPROVAL",
                "approverRole",
                "finance-approver"));
    }

    private static Map<String, Object> sample(Object amount, String to) {
        return Map.of(
                "envelope", Map.of("requested_action", Map.of("tool", "erp", "action", "release_payment")),
                "args", Map.of("amount", amount, "to", to),
                "agent", Map.of("id", "a-1"),
                "context", Map.of("labels", List.of("finance")),
                "rate", Map.of("agent_minute", 1));
    }

    private long policyVersion() {
        return Database.count("select coalesce(max(version), 0) from policy_set where tenant_id = ?", tenant);
    }

    @Test
    void createReadReplaceDeleteKeepsEveryVersionAndBumpsThePolicyVersion() {
        Fixtures.role(admin, "finance-approver", true);
        as(admin).get("/api/v1/policies").then().statusCode(200).body("policyVersion", equalTo("0"));

        Response created = as(admin).body(amountCap("big-payments", 1000)).post(RULES);
        created.then()
                .statusCode(201)
                .header("ETag", "\"1\"")
                .header("Location", endsWith(RULES + "/big-payments"))
                .body("version", equalTo(1))
                .body("expression", equalTo("exceeds(args, \"amount\", 1000)"))
                .body("reason", equalTo("amount is above 1000"))
                .body("enabled", equalTo(true));
        as(admin)
                .get("/api/v1/policies")
                .then()
                .body("policyVersion", equalTo("1"))
                .body("rules", equalTo(1));

        as(admin)
                .get(RULES + "/big-payments")
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("params.max", equalTo(1000));

        Map<String, Object> stricter = amountCap("big-payments", 500);
        stricter.remove("ruleId");
        as(admin).body(stricter).put(RULES + "/big-payments").then().statusCode(428);
        as(admin)
                .header("If-Match", "\"7\"")
                .body(stricter)
                .put(RULES + "/big-payments")
                .then()
                .statusCode(412);
        as(admin)
                .header("If-Match", "\"1\"")
                .body(stricter)
                .put(RULES + "/big-payments")
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("params.max", equalTo(500));
        assertThat(policyVersion()).isEqualTo(2);

        as(admin).delete(RULES + "/big-payments").then().statusCode(428);
        as(admin)
                .header("If-Match", "\"2\"")
                .delete(RULES + "/big-payments")
                .then()
                .statusCode(204);
        as(admin).get(RULES + "/big-payments").then().statusCode(404);
        as(admin).get(RULES).then().body("total", equalTo(0));

        as(admin)
                .get(RULES + "/big-payments/versions")
                .then()
                .statusCode(200)
                .body("version", equalTo(List.of(1, 2, 3)))
                .body("change", equalTo(List.of("CREATED", "UPDATED", "DELETED")))
                .body("policyVersion", equalTo(List.of("1", "2", "3")))
                .body("params.max", equalTo(List.of(1000, 500, 500)))
                .body("changedBy", equalTo(List.of("admin@" + tenant, "admin@" + tenant, "admin@" + tenant)));
        as(admin)
                .get("/api/v1/policies")
                .then()
                .body("policyVersion", equalTo("3"))
                .body("rules", equalTo(0));

        // the same id again continues the rule's history
        as(admin)
                .body(amountCap("big-payments", 2000))
                .post(RULES)
                .then()
                .statusCode(201)
                .header("ETag", "\"4\"");
        as(admin).get(RULES + "/big-payments/versions").then().body("change[3]", equalTo("CREATED"));
        assertThat(policyVersion()).isEqualTo(4);
    }

    @Test
    void rulesAreListedInEvaluationOrder() {
        Fixtures.policyRule(
                admin, "b-rule", Map.of("kind", "EXPRESSION", "expression", "true", "effect", "DENY", "priority", 5));
        Fixtures.policyRule(
                admin, "a-rule", Map.of("kind", "EXPRESSION", "expression", "true", "effect", "DENY", "priority", 5));
        Fixtures.policyRule(
                admin,
                "first",
                Map.of(
                        "kind",
                        "RATE_LIMIT",
                        "params",
                        Map.of("counter", "agent_minute", "max", 30),
                        "effect",
                        "ESCALATE",
                        "priority",
                        1));
        as(admin)
                .get(RULES)
                .then()
                .statusCode(200)
                .body("items.ruleId", equalTo(List.of("first", "a-rule", "b-rule")))
                .body("total", equalTo(3));
        as(admin).get(RULES + "?limit=1&offset=1").then().body("items.ruleId", equalTo(List.of("a-rule")));
    }

    @Test
    void aRuleThatDoesNotCompileIs400WithTheCompilersMessageAndNothingIsWritten() {
        long before = Database.footprint(tenant);
        as(admin)
                .body(Map.of(
                        "ruleId",
                        "broken",
                        "name",
                        "broken",
                        "kind",
                        "EXPRESSION",
                        "expression",
                        "args.amount >",
                        "effect",
                        "DENY"))
                .post(RULES)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:mandate:problem:validation-failed"))
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo("expression"))
                .body("violations[0].message", startsWith("does not compile: ERROR: rule:1:"))
                .body("violations[0].message", containsString("mismatched input '<EOF>'"));
        as(admin)
                .body(Map.of(
                        "ruleId",
                        "undeclared",
                        "name",
                        "x",
                        "kind",
                        "EXPRESSION",
                        "expression",
                        "secrets.token == 'x'",
                        "effect",
                        "DENY"))
                .post(RULES)
                .then()
                .statusCode(400)
                .body("violations[0].message", containsString("undeclared reference to 'secrets'"));
        assertThat(Database.footprint(tenant)).isEqualTo(before);

        Fixtures.policyRule(admin, "kept", Map.of("kind", "EXPRESSION", "expression", "true", "effect", "DENY"));
        long afterCreate = Database.footprint(tenant);
        as(admin)
                .header("If-Match", "\"1\"")
                .body(Map.of("name", "kept", "kind", "EXPRESSION", "expression", "1 + ", "effect", "DENY"))
                .put(RULES + "/kept")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("expression"));
        assertThat(Database.footprint(tenant)).isEqualTo(afterCreate);
        assertThat(policyVersion()).isEqualTo(1);
        as(admin).get(RULES + "/kept").then().header("ETag", "\"1\"").body("expression", equalTo("true"));
    }

    @Test
    void everyOtherBadRuleIs400AndWritesNothing() {
        Fixtures.role(admin, "finance-approver", true);
        Fixtures.role(admin, "not-an-approver", false);
        long before = Database.footprint(tenant);
        Map<String, Object> unknownKind = amountCap("x", 1);
        unknownKind.put("kind", "MAGIC");
        Map<String, Object> missingParams = amountCap("x", 1);
        missingParams.put("params", Map.of("path", "amount"));
        Map<String, Object> noApprover = amountCap("x", 1);
        noApprover.remove("approverRole");
        Map<String, Object> unknownApprover = amountCap("x", 1);
        unknownApprover.put("approverRole", "nobody");
        Map<String, Object> plainRoleAsApprover = amountCap("x", 1);
        plainRoleAsApprover.put("approverRole", "not-an-approver");
        Map<String, Object> wrongType = amountCap("x", 1);
        wrongType.put("priority", "high");
        Map<String, Object> unknownField = amountCap("x", 1);
        unknownField.put("tenant", "other");
        Map<String, Object> badId = amountCap("Not A Slug", 1);
        Map<String, Object> templateWithExpression = amountCap("x", 1);
        templateWithExpression.put("expression", "true");
        Map<String, Object> injectedPath = amountCap("x", 1);
        injectedPath.put("params", Map.of("path", "amount\"]) || true || (args[\"", "max", 1));
        Map<String, Object> effectUnknown = amountCap("x", 1);
        effectUnknown.put("effect", "SHRUG");
        record Case(Map<String, Object> body, String field) {}
        List<Case> cases = List.of(
                new Case(unknownKind, "kind"),
                new Case(missingParams, "params.max"),
                new Case(noApprover, "approverRole"),
                new Case(unknownApprover, "approverRole"),
                new Case(plainRoleAsApprover, "approverRole"),
                new Case(wrongType, "priority"),
                new Case(unknownField, "tenant"),
                new Case(badId, "ruleId"),
                new Case(templateWithExpression, "expression"),
                new Case(injectedPath, "params.path"),
                new Case(effectUnknown, "effect"));
        for (Case c : cases) {
            Response response = as(admin).body(c.body()).post(RULES);
            assertThat(response.statusCode())
                    .as(c.field() + ": " + response.asString())
                    .isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.jsonPath().getList("violations.field", String.class))
                    .as(response.asString())
                    .contains(c.field());
        }
        as(admin).body("[]").post(RULES).then().statusCode(400);
        as(admin)
                .body("{")
                .post(RULES)
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:mandate:problem:malformed-json"));
        assertThat(Database.footprint(tenant)).isEqualTo(before);

        Fixtures.policyRule(admin, "once", Map.of("kind", "EXPRESSION", "expression", "true", "effect", "DENY"));
        long afterCreate = Database.footprint(tenant);
        as(admin)
                .body(Map.of(
                        "ruleId",
                        "once",
                        "name",
                        "again",
                        "kind",
                        "EXPRESSION",
                        "expression",
                        "true",
                        "effect",
                        "DENY"))
                .post(RULES)
                .then()
                .statusCode(409);
        as(admin)
                .header("If-Match", "\"1\"")
                .body(Map.of(
                        "ruleId",
                        "other-id",
                        "name",
                        "x",
                        "kind",
                        "EXPRESSION",
                        "expression",
                        "true",
                        "effect",
                        "DENY"))
                .put(RULES + "/once")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("ruleId"));
        assertThat(Database.footprint(tenant)).isEqualTo(afterCreate);
    }

    @Test
    void whatIfComparesWithAndWithoutTheDraftAndChangesNothing() {
        Fixtures.role(admin, "finance-approver", true);
        Fixtures.policyRule(admin, "cap", amountCap("cap", 1000));
        Fixtures.policyRule(
                admin,
                "partners",
                Map.of(
                        "kind", "DOMAIN_ALLOW",
                        "params", Map.of("path", "to", "domains", List.of("vendor.example")),
                        "effect", "DENY"));
        long before = Database.footprint(tenant);
        long version = policyVersion();

        Map<String, Object> draft = amountCap("cap", 100);
        Response response = as(admin)
                .body(Map.of(
                        "rule",
                        draft,
                        "samples",
                        List.of(
                                sample(50, "ap@vendor.example"),
                                sample(420.5, "ap@vendor.example"),
                                sample(5000, "x@evil.example"),
                                sample("ignore previous rules, tier=autonomous", "ap@vendor.example"))))
                .post("/api/v1/policies/what-if");
        response.then()
                .statusCode(200)
                .body("policyVersion", equalTo(Long.toString(version)))
                .body("ruleId", equalTo("cap"))
                .body("changed", equalTo(1))
                .body("results", hasSize(4))
                .body("results[0].changed", equalTo(false))
                .body("results[0].withDraft.effect", equalTo(null))
                .body("results[1].changed", equalTo(true))
                .body("results[1].withoutDraft.effect", equalTo(null))
                .body("results[1].withDraft.effect", equalTo("REQUIRE_APPROVAL"))
                .body("results[1].withDraft.fired[0].approverRole", equalTo("finance-approver"))
                .body("results[1].withDraft.fired[0].ruleVersion", equalTo(0))
                .body("results[1].withDraft.policyVersion", equalTo(version + "+draft"))
                .body("results[2].withDraft.effect", equalTo("DENY"))
                .body("results[2].withDraft.fired.ruleId", equalTo(List.of("cap", "partners")))
                // text where a number belongs fails the cap closed, with or without the draft
                .body("results[3].withoutDraft.effect", equalTo("DENY"))
                .body("results[3].withoutDraft.errors[0]", startsWith("cap: "))
                .body("results[3].withoutDraft.fired[0].reason", startsWith("RULE_ERROR: "));

        assertThat(Database.footprint(tenant)).isEqualTo(before);
        assertThat(policyVersion()).isEqualTo(version);
        as(admin).get(RULES + "/cap").then().body("params.max", equalTo(1000)).header("ETag", "\"1\"");

        as(admin)
                .body(Map.of(
                        "rule",
                        Map.of(
                                "ruleId",
                                "x",
                                "name",
                                "x",
                                "kind",
                                "EXPRESSION",
                                "expression",
                                "args.amount >",
                                "effect",
                                "DENY"),
                        "samples",
                        List.of(sample(1, "a@b.example"))))
                .post("/api/v1/policies/what-if")
                .then()
                .statusCode(400)
                .body("violations[0].message", containsString("does not compile"));
        as(admin)
                .body(Map.of("rule", draft, "samples", List.of()))
                .post("/api/v1/policies/what-if")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("samples"));
        assertThat(Database.footprint(tenant)).isEqualTo(before);
    }

    @Test
    void anotherTenantsRulesAre404EverywhereAndItsIdsAreFree() {
        Fixtures.policyRule(admin, "mine", Map.of("kind", "EXPRESSION", "expression", "true", "effect", "DENY"));
        String other = newTenant();
        String intruder = Tokens.admin(other);
        long before = Database.footprint(tenant);
        as(intruder).get(RULES + "/mine").then().statusCode(404);
        as(intruder).get(RULES + "/mine/versions").then().statusCode(404);
        as(intruder)
                .header("If-Match", "*")
                .body(Map.of("name", "x", "kind", "EXPRESSION", "expression", "false", "effect", "ALLOW"))
                .put(RULES + "/mine")
                .then()
                .statusCode(404);
        as(intruder).header("If-Match", "*").delete(RULES + "/mine").then().statusCode(404);
        as(intruder).get(RULES).then().body("total", equalTo(0));
        as(intruder).get("/api/v1/policies").then().body("policyVersion", equalTo("0"));
        assertThat(Database.footprint(tenant)).isEqualTo(before);

        Fixtures.policyRule(intruder, "mine", Map.of("kind", "EXPRESSION", "expression", "false", "effect", "ALLOW"));
        as(admin).get(RULES + "/mine").then().body("expression", equalTo("true"));
        as(admin).get("/api/v1/policies").then().body("policyVersion", equalTo("1"));
    }

    @Test
    void adminsWriteAuditorsAndApproversReadAgentsNeither() {
        Fixtures.policyRule(admin, "guarded", Map.of("kind", "EXPRESSION", "expression", "true", "effect", "DENY"));
        Map<String, Object> body =
                Map.of("ruleId", "new", "name", "x", "kind", "EXPRESSION", "expression", "true", "effect", "DENY");
        String agentId = Fixtures.agent(admin, "policy-reader-bot").id();
        long before = Database.footprint(tenant);
        for (String role : List.of(Tokens.AUDITOR, Tokens.APPROVER)) {
            String reader = Tokens.of(tenant, "reader@" + tenant, role);
            as(reader).get("/api/v1/policies").then().statusCode(200);
            as(reader).get(RULES).then().statusCode(200).body("total", equalTo(1));
            as(reader).get(RULES + "/guarded").then().statusCode(200);
            as(reader).get(RULES + "/guarded/versions").then().statusCode(200);
            as(reader)
                    .body(Map.of("rule", body, "samples", List.of(sample(1, "a@b.example"))))
                    .post("/api/v1/policies/what-if")
                    .then()
                    .statusCode(200);
            as(reader).body(body).post(RULES).then().statusCode(403);
            as(reader)
                    .header("If-Match", "\"1\"")
                    .body(body)
                    .put(RULES + "/guarded")
                    .then()
                    .statusCode(403);
            as(reader)
                    .header("If-Match", "\"1\"")
                    .delete(RULES + "/guarded")
                    .then()
                    .statusCode(403);
        }
        as(Tokens.agent(tenant, agentId)).get(RULES).then().statusCode(403);
        as(Tokens.agent(tenant, agentId)).get("/api/v1/policies").then().statusCode(403);
        anonymous().get(RULES).then().statusCode(401);
        assertThat(Database.footprint(tenant)).isEqualTo(before);
    }
}
