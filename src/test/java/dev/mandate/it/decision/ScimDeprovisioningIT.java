package dev.mandate.it.decision;

import static dev.mandate.it.decision.DecisionSetup.envelope;
import static org.hamcrest.Matchers.equalTo;

import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deactivating an agent in the identity provider stops its very next envelope, and reactivation restores it. */
class ScimDeprovisioningIT extends MandateIT {

    private static final String AGENT_EXTENSION = "urn:mandate:params:scim:schemas:extension:agent:2.0:Agent";

    @Test
    void scimDeactivationStopsTheNextEnvelope() {
        DecisionSetup setup = new DecisionSetup();
        String scim = Tokens.of(setup.tenant, "okta", Tokens.SCIM);
        String id = as(scim).contentType("application/scim+json")
                .body(Map.of(
                        "schemas",
                        List.of("urn:ietf:params:scim:schemas:core:2.0:User", AGENT_EXTENSION),
                        "userName",
                        "okta-provisioned-bot",
                        AGENT_EXTENSION,
                        Map.of("sponsor", "owner@example.com")))
                .post("/scim/v2/Users")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        setup.permit(id);
        String agentToken = Tokens.agent(setup.tenant, id);
        // over SCIM the agent gets at most the tenant's tier ceiling: a read is what it may do alone
        Map<String, Object> body = envelope(id, "pay-invoice", "erp", "read_invoice", Map.of("invoiceId", "INV-1"));
        as(agentToken)
                .header("Idempotency-Key", "before")
                .body(body)
                .post("/api/v1/envelopes")
                .then()
                .statusCode(200)
                .body("decision", equalTo("ALLOW"));

        // Entra's shape: capitalised op, boolean as a string
        as(scim).contentType("application/scim+json")
                .body(Map.of(
                        "schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
                        "Operations", List.of(Map.of("op", "Replace", "path", "active", "value", "False"))))
                .patch("/scim/v2/Users/" + id)
                .then()
                .statusCode(200);

        as(agentToken)
                .header("Idempotency-Key", "after")
                .body(body)
                .post("/api/v1/envelopes")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:mandate:problem:agent-not-active"));

        as(scim).contentType("application/scim+json")
                .body(Map.of(
                        "schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
                        "Operations", List.of(Map.of("op", "replace", "value", Map.of("active", true)))))
                .patch("/scim/v2/Users/" + id)
                .then()
                .statusCode(200);
        as(agentToken)
                .header("Idempotency-Key", "again")
                .body(body)
                .post("/api/v1/envelopes")
                .then()
                .statusCode(200)
                .body("decision", equalTo("ALLOW"));
        as(setup.admin)
                .get("/api/v1/audit/records?agentId=" + id)
                .then()
                .statusCode(200)
                .body("items.action", org.hamcrest.Matchers.hasItem("agent.status-changed"));
    }
}
