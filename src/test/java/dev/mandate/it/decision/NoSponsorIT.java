package dev.mandate.it.decision;

import static dev.mandate.it.decision.DecisionSetup.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.mandate.it.support.Asadmin;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An agent without a sponsor (Okta's default push, a plain RFC 7643 client) is provisioned and listed, but
 * every envelope it sends is DENY with NO_SPONSOR, and its explain and authority card say so, until a
 * sponsor is set over SCIM or the API.
 */
class NoSponsorIT extends MandateIT {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String AGENT = "urn:mandate:params:scim:schemas:extension:agent:2.0:Agent";
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private final DecisionSetup setup = new DecisionSetup();
    private final String scim = Tokens.of(setup.tenant, "okta", Tokens.SCIM);

    @Test
    void aPlainRfcClientsUserIsProvisionedVisibleAndUnableToActUntilItHasASponsor() {
        Response created = as(scim).contentType("application/scim+json")
                .body("{\"schemas\":[\"" + USER + "\"],\"userName\":\"plain-bot\"}")
                .post("/scim/v2/Users");
        created.then()
                .statusCode(201)
                .body("userName", equalTo("plain-bot"))
                .body("active", equalTo(true))
                .body("'" + AGENT + "'.sponsor", nullValue())
                .body("'" + AGENT + "'.defaultTier", equalTo("READ_ONLY"));
        String id = created.path("id");
        setup.permit(id);
        as(scim).queryParam("filter", "userName eq \"plain-bot\"")
                .get("/scim/v2/Users")
                .then()
                .statusCode(200)
                .body("totalResults", equalTo(1));
        as(setup.admin)
                .get("/api/v1/agents?status=ACTIVE")
                .then()
                .statusCode(200)
                .body("items.name", hasItem("plain-bot"));
        as(setup.admin).get("/api/v1/agents/" + id).then().statusCode(200).body("sponsor", nullValue());

        // even a read is denied, and the explain says why
        Response denied = read(id);
        denied.then().statusCode(200).body("decision", equalTo("DENY")).body("reasons[0]", startsWith("NO_SPONSOR"));
        as(setup.admin)
                .get("/api/v1/envelopes/" + denied.path("envelopeId") + "/explain")
                .then()
                .statusCode(200)
                .body("explanation.facts.sponsored", equalTo(false))
                .body("explanation.steps[0].check", equalTo("sponsor"))
                .body("explanation.steps[0].outcome", equalTo("none"));
        as(setup.admin)
                .get("/api/v1/agents/" + id + "/card")
                .then()
                .statusCode(200)
                .body("agent.sponsor", nullValue())
                .body("blockedBy[0]", startsWith("NO_SPONSOR"));

        // the identity provider sets one (Entra: a no-path replace with an extension-URN key)
        as(scim).contentType("application/scim+json")
                .body("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"replace\",\"value\":{\"" + AGENT
                        + ":sponsor\":\"owner@example.com\"}}]}")
                .patch("/scim/v2/Users/" + id)
                .then()
                .statusCode(200)
                .body("'" + AGENT + "'.sponsor", equalTo("owner@example.com"));
        read(id).then().statusCode(200).body("decision", equalTo("ALLOW"));
        as(setup.admin)
                .get("/api/v1/agents/" + id + "/card")
                .then()
                .body("agent.sponsor", equalTo("owner@example.com"))
                .body("blockedBy", equalTo(List.of()));
    }

    @Test
    void theApiRegistersWithoutASponsorAndPatchesOneInOrOut() {
        Response created = as(setup.admin)
                .body(Map.of("name", "api-orphan", "workflow", "accounts-payable", "defaultTier", "AUTONOMOUS"))
                .post("/api/v1/agents");
        created.then().statusCode(201).body("sponsor", nullValue());
        String id = created.path("id");
        setup.permit(id);
        read(id).then().body("decision", equalTo("DENY")).body("reasons[0]", startsWith("NO_SPONSOR"));
        as(setup.admin)
                .get("/api/v1/agents/" + id + "/card")
                .then()
                .body(
                        "taskTypes.find { it.key == 'pay-invoice' }.actions.find { it.action == 'read_invoice' }.outcome",
                        equalTo("DENY"));

        // PATCH needs If-Match and a sponsor property; blank is refused
        as(setup.admin)
                .body(Map.of("sponsor", "owner@example.com"))
                .patch("/api/v1/agents/" + id)
                .then()
                .statusCode(428);
        as(setup.admin)
                .header("If-Match", "\"1\"")
                .body(Map.of())
                .patch("/api/v1/agents/" + id)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("sponsor"));
        as(setup.admin)
                .header("If-Match", "\"1\"")
                .body(Map.of("sponsor", "  "))
                .patch("/api/v1/agents/" + id)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("sponsor"));
        as(setup.admin)
                .header("If-Match", "\"1\"")
                .body(Map.of("sponsor", "owner@example.com"))
                .patch("/api/v1/agents/" + id)
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("sponsor", equalTo("owner@example.com"))
                .body("defaultTier", equalTo("AUTONOMOUS"));
        read(id).then().body("decision", equalTo("ALLOW"));
        as(setup.admin)
                .get("/api/v1/agents/" + id + "/card")
                .then()
                .body(
                        "taskTypes.find { it.key == 'pay-invoice' }.actions.find { it.action == 'read_invoice' }.outcome",
                        equalTo("ALLOW"));

        // and out again: the sponsor left, the agent stops
        as(setup.admin)
                .header("If-Match", "\"2\"")
                .body("{\"sponsor\":null}")
                .patch("/api/v1/agents/" + id)
                .then()
                .statusCode(200)
                .body("sponsor", nullValue());
        read(id).then().body("decision", equalTo("DENY"));
        assertThat(as(setup.admin)
                        .get("/api/v1/audit/records?agentId=" + id)
                        .jsonPath()
                        .getList("items.action", String.class))
                .contains("agent.created", "agent.updated");
    }

    @Test
    void aTenantsDefaultSponsorAnswersForAgentsCreatedWithoutOne() {
        String key = "mandate.tenant." + setup.tenant + ".default-sponsor";
        Asadmin.setProperty(key, "ciso@example.com");
        try {
            as(scim).contentType("application/scim+json")
                    .body("{\"schemas\":[\"" + USER + "\"],\"userName\":\"defaulted-bot\"}")
                    .post("/scim/v2/Users")
                    .then()
                    .statusCode(201)
                    .body("'" + AGENT + "'.sponsor", equalTo("ciso@example.com"));
            as(setup.admin)
                    .body(Map.of("name", "api-defaulted"))
                    .post("/api/v1/agents")
                    .then()
                    .statusCode(201)
                    .body("sponsor", equalTo("ciso@example.com"));
            // a sponsor that is sent wins
            as(setup.admin)
                    .body(Map.of("name", "api-sponsored", "sponsor", "own@example.com"))
                    .post("/api/v1/agents")
                    .then()
                    .statusCode(201)
                    .body("sponsor", equalTo("own@example.com"));
        } finally {
            Asadmin.removeProperty(key);
        }
    }

    private Response read(String agentId) {
        return as(Tokens.agent(setup.tenant, agentId))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(envelope(agentId, "pay-invoice", "erp", "read_invoice", Map.of("invoiceId", "INV-1")))
                .post("/api/v1/envelopes");
    }
}
