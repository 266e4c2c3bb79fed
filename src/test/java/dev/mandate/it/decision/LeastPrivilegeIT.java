package dev.mandate.it.decision;

import static dev.mandate.it.decision.DecisionSetup.envelope;
import static dev.mandate.it.decision.DecisionSetup.pay;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An agent's roles limit what it may do at all: an action none of them permits is denied with
 * NOT_PERMITTED before tiers and rules apply, and a role change (API or SCIM) applies to the very next
 * decision, although the decision path caches the tenant's configuration.
 */
class LeastPrivilegeIT extends MandateIT {

    private final DecisionSetup setup = new DecisionSetup();

    /** An AUTONOMOUS agent of the accounts-payable workflow that holds no role. */
    private String agentWithoutRoles(String name) {
        return setup.post(
                        "/api/v1/agents",
                        Map.of(
                                "name", name,
                                "sponsor", "owner@example.com",
                                "defaultTier", "AUTONOMOUS",
                                "workflow", "accounts-payable"))
                .path("id");
    }

    private String role(String name, String... permissions) {
        return setup.post(
                        "/api/v1/roles",
                        Map.of("name", name, "approver", false, "permissions", permissions(permissions)))
                .path("id");
    }

    private static List<Map<String, String>> permissions(String... permissions) {
        return java.util.Arrays.stream(permissions)
                .map(p -> p.split(":", 2))
                .map(p -> Map.of("tool", p[0], "action", p[1]))
                .toList();
    }

    private String assign(String roleId, String agentId) {
        return setup.post(
                        "/api/v1/roles/" + roleId + "/assignments",
                        Map.of("principalType", "AGENT", "principal", agentId))
                .path("id");
    }

    private static Response send(String tenant, String agentId, String tool, String action, Map<String, Object> args) {
        return as(Tokens.agent(tenant, agentId))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(envelope(agentId, "pay-invoice", tool, action, args))
                .post("/api/v1/envelopes");
    }

    private Response matchPo(String agentId) {
        return send(setup.tenant, agentId, "erp", "match_po", Map.of());
    }

    @Test
    void anAgentWithoutRolesMayDoNothingNotEvenRead() {
        String agent = agentWithoutRoles("roleless-bot");

        send(setup.tenant, agent, "erp", "read_invoice", Map.of("invoiceId", "INV-1"))
                .then()
                .statusCode(200)
                .body("decision", equalTo("DENY"))
                .body("reasons", equalTo(List.of("NOT_PERMITTED: erp:read_invoice")));
        matchPo(agent)
                .then()
                .body("decision", equalTo("DENY"))
                .body("reasons[0]", equalTo("NOT_PERMITTED: erp:match_po"));
    }

    @Test
    void anActionNoRolePermitsIsDeniedBeforeTierAndRulesAndExplainNamesThePermittingRole() {
        String agent = agentWithoutRoles("matcher-bot");
        assign(role("matcher", "erp:match_po", "ticketing:close"), agent);
        // a rule that would ALLOW the payment and lift its blast radius: roles come first
        setup.post(
                "/api/v1/policies/rules",
                Map.of(
                        "ruleId", "allow-all-payments",
                        "name", "allow",
                        "kind", "EXPRESSION",
                        "expression", "true",
                        "effect", "ALLOW"));

        String allowed = matchPo(agent)
                .then()
                .body("decision", equalTo("ALLOW"))
                .extract()
                .path("envelopeId");
        String denied = send(setup.tenant, agent, "erp", "pay", pay(10))
                .then()
                .body("decision", equalTo("DENY"))
                .body("reasons", equalTo(List.of("NOT_PERMITTED: erp:pay")))
                .extract()
                .path("envelopeId");

        as(setup.admin)
                .get("/api/v1/envelopes/" + allowed + "/explain")
                .then()
                .statusCode(200)
                .body("explanation.facts.permittedBy", equalTo(List.of("matcher")))
                .body("explanation.steps.find { it.check == 'roles' }.outcome", equalTo("permitted"))
                .body("explanation.steps.find { it.check == 'roles' }.detail", equalTo("by matcher"));
        as(setup.admin)
                .get("/api/v1/envelopes/" + denied + "/explain")
                .then()
                .statusCode(200)
                .body("explanation.facts.permittedBy", equalTo(List.of()))
                .body("explanation.steps.find { it.check == 'roles' }.outcome", equalTo("none permits"))
                .body("explanation.steps.check", not(hasItem("authority-tier")))
                .body("explanation.steps.check", not(hasItem("policy-rules")));

        // the card lists only what the roles permit: of pay-invoice's erp:* just match_po
        as(setup.admin)
                .get("/api/v1/agents/" + agent + "/card")
                .then()
                .statusCode(200)
                .body("taskTypes.find { it.key == 'pay-invoice' }.actions.action", equalTo(List.of("match_po")))
                .body("taskTypes.find { it.key == 'pay-invoice' }.actions[0].permittedBy", equalTo(List.of("matcher")));
    }

    @Test
    void removingTheAgentFromItsRoleOverTheApiRevokesAtTheNextDecision() {
        String agent = agentWithoutRoles("api-revoked-bot");
        String assignment = setup.permit(agent);
        matchPo(agent).then().body("decision", equalTo("ALLOW"));
        matchPo(agent).then().body("decision", equalTo("ALLOW"));

        as(setup.admin)
                .delete("/api/v1/roles/" + setup.agentRole + "/assignments/" + assignment)
                .then()
                .statusCode(204);

        matchPo(agent)
                .then()
                .body("decision", equalTo("DENY"))
                .body("reasons[0]", equalTo("NOT_PERMITTED: erp:match_po"));
        assign(setup.agentRole, agent);
        matchPo(agent).then().body("decision", equalTo("ALLOW"));
    }

    @Test
    void changingTheRolesPermissionsAppliesAtTheNextDecision() {
        String agent = agentWithoutRoles("narrowed-bot");
        String roleId = role("narrowing", "erp:match_po");
        assign(roleId, agent);
        matchPo(agent).then().body("decision", equalTo("ALLOW"));

        String etag = as(setup.admin).get("/api/v1/roles/" + roleId).header("ETag");
        as(setup.admin)
                .header("If-Match", etag)
                .body(Map.of("name", "narrowing", "approver", false, "permissions", permissions("erp:read_invoice")))
                .put("/api/v1/roles/" + roleId)
                .then()
                .statusCode(200);

        matchPo(agent)
                .then()
                .body("decision", equalTo("DENY"))
                .body("reasons[0]", equalTo("NOT_PERMITTED: erp:match_po"));
    }

    @Test
    void removingTheAgentFromItsGroupOverScimRevokesAtTheNextDecision() {
        String scim = Tokens.of(setup.tenant, "okta", Tokens.SCIM);
        String agent = agentWithoutRoles("scim-revoked-bot");
        String roleId = role("okta-matchers", "erp:match_po");
        as(scim).contentType("application/scim+json")
                .body(Map.of(
                        "schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
                        "Operations",
                                List.of(Map.of(
                                        "op", "add", "path", "members", "value", List.of(Map.of("value", agent))))))
                .patch("/scim/v2/Groups/" + roleId)
                .then()
                .statusCode(204);
        matchPo(agent).then().body("decision", equalTo("ALLOW"));
        matchPo(agent).then().body("decision", equalTo("ALLOW"));

        as(scim).contentType("application/scim+json")
                .body(Map.of(
                        "schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
                        "Operations", List.of(Map.of("op", "remove", "path", "members[value eq \"" + agent + "\"]"))))
                .patch("/scim/v2/Groups/" + roleId)
                .then()
                .statusCode(204);

        matchPo(agent)
                .then()
                .body("decision", equalTo("DENY"))
                .body("reasons[0]", equalTo("NOT_PERMITTED: erp:match_po"));
    }

    @Test
    void deletingTheGroupOverScimRevokesAtTheNextDecision() {
        String scim = Tokens.of(setup.tenant, "okta", Tokens.SCIM);
        String agent = agentWithoutRoles("scim-deleted-bot");
        String roleId = role("okta-temporary", "erp:*");
        assign(roleId, agent);
        matchPo(agent).then().body("decision", equalTo("ALLOW"));

        as(scim).delete("/scim/v2/Groups/" + roleId).then().statusCode(204);

        matchPo(agent)
                .then()
                .body("decision", equalTo("DENY"))
                .body("reasons[0]", equalTo("NOT_PERMITTED: erp:match_po"));
    }
}
