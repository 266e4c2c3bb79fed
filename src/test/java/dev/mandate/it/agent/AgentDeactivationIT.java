package dev.mandate.it.agent;

import static org.hamcrest.Matchers.equalTo;

import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A suspended or deprovisioned agent is refused on its very next request, although its token is still valid. */
class AgentDeactivationIT extends MandateIT {

    private final String tenant = newTenant();
    private final String admin = Tokens.admin(tenant);

    @Test
    void suspensionStopsTheNextRequestAndReactivationRestoresIt() {
        Fixtures.Created agent = Fixtures.agent(admin, "suspendable");
        String agentToken = Tokens.agent(tenant, agent.id());
        as(agentToken).get("/api/v1/me").then().statusCode(200).body("subject", equalTo(agent.id()));

        String etag = as(admin)
                .header("If-Match", agent.etag())
                .body(Map.of("status", "SUSPENDED", "reason", "misbehaving"))
                .put("/api/v1/agents/" + agent.id() + "/status")
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");

        as(agentToken)
                .get("/api/v1/me")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:mandate:problem:agent-not-active"))
                .body("detail", equalTo("agent is SUSPENDED"));
        as(agentToken).get("/api/v1/agents/" + agent.id()).then().statusCode(403);

        as(admin)
                .header("If-Match", etag)
                .body(Map.of("status", "ACTIVE", "reason", "fixed"))
                .put("/api/v1/agents/" + agent.id() + "/status")
                .then()
                .statusCode(200);
        as(agentToken).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void deprovisioningStopsTheNextRequest() {
        Fixtures.Created agent = Fixtures.agent(admin, "leaving");
        String agentToken = Tokens.agent(tenant, agent.id());
        as(agentToken).get("/api/v1/me").then().statusCode(200);

        as(admin)
                .header("If-Match", agent.etag())
                .delete("/api/v1/agents/" + agent.id())
                .then()
                .statusCode(204);

        as(agentToken).get("/api/v1/me").then().statusCode(403).body("detail", equalTo("agent is DEPROVISIONED"));
    }

    @Test
    void anAgentTokenForAnIdentityThatDoesNotExistIsRefused() {
        as(Tokens.agent(tenant, "00000000-0000-4000-8000-000000000bad"))
                .get("/api/v1/me")
                .then()
                .statusCode(403)
                .body("type", equalTo("urn:mandate:problem:agent-not-active"));
    }

    @Test
    void anAgentOfAnotherTenantCannotActHere() {
        String otherTenant = newTenant();
        Fixtures.Created foreign = Fixtures.agent(Tokens.admin(otherTenant), "foreign");
        as(Tokens.agent(tenant, foreign.id())).get("/api/v1/me").then().statusCode(403);
    }
}
