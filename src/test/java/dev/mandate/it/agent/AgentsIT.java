package dev.mandate.it.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent lifecycle through the API: create, read, page, replace with ETags, suspend, deprovision. */
class AgentsIT extends MandateIT {

    private final String tenant = newTenant();
    private final String admin = Tokens.admin(tenant);

    @Test
    void createReturnsTheAgentWithLocationAndETag() {
        Response created = as(admin)
                .body(Map.of(
                        "name", "ticket-bot",
                        "description", "routes tickets",
                        "sponsor", "alice@example.com",
                        "defaultTier", "SUGGEST_ONLY",
                        "externalId", "okta-123",
                        "workflow", "support-ticket-triage"))
                .post("/api/v1/agents");
        created.then()
                .statusCode(201)
                .header("ETag", "\"1\"")
                .body("id", notNullValue())
                .body("status", equalTo("ACTIVE"))
                .body("defaultTier", equalTo("SUGGEST_ONLY"))
                .body("createdBy", equalTo("admin@" + tenant))
                .body("version", equalTo(1));
        String location = created.header("Location");
        assertThat(location).endsWith("/api/v1/agents/" + created.path("id"));

        as(admin).get(location).then().statusCode(200).header("ETag", "\"1\"").body("externalId", equalTo("okta-123"));
    }

    @Test
    void defaultTierIsLeastPrivilege() {
        as(admin)
                .body(Map.of("name", "quiet-bot", "sponsor", "s"))
                .post("/api/v1/agents")
                .then()
                .statusCode(201)
                .body("defaultTier", equalTo("READ_ONLY"));
    }

    @Test
    void duplicateNameOrExternalIdIs409() {
        as(admin)
                .body(Map.of("name", "dup", "sponsor", "s", "externalId", "ext-1"))
                .post("/api/v1/agents")
                .then()
                .statusCode(201);
        as(admin)
                .body(Map.of("name", "dup", "sponsor", "s"))
                .post("/api/v1/agents")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:mandate:problem:conflict"));
        as(admin)
                .body(Map.of("name", "other", "sponsor", "s", "externalId", "ext-1"))
                .post("/api/v1/agents")
                .then()
                .statusCode(409);
    }

    @Test
    void listPagesInAStableOrderWithTotal() {
        for (String name : List.of("c-bot", "a-bot", "e-bot", "b-bot", "d-bot")) {
            Fixtures.agent(admin, name);
        }
        as(admin)
                .get("/api/v1/agents?limit=2")
                .then()
                .statusCode(200)
                .body("total", equalTo(5))
                .body("items", hasSize(2))
                .body("items.name", equalTo(List.of("a-bot", "b-bot")));
        as(admin).get("/api/v1/agents?offset=2&limit=2").then().body("items.name", equalTo(List.of("c-bot", "d-bot")));
        as(admin).get("/api/v1/agents?offset=4&limit=2").then().body("items.name", equalTo(List.of("e-bot")));
    }

    @Test
    void replaceNeedsTheCurrentETag() {
        Fixtures.Created agent = Fixtures.agent(admin, "versioned");
        Map<String, Object> profile =
                Map.of("name", "versioned", "sponsor", "bob@example.com", "defaultTier", "AUTONOMOUS");

        as(admin)
                .body(profile)
                .put("/api/v1/agents/" + agent.id())
                .then()
                .statusCode(428)
                .body("type", equalTo("urn:mandate:problem:precondition-required"));
        as(admin)
                .header("If-Match", "\"99\"")
                .body(profile)
                .put("/api/v1/agents/" + agent.id())
                .then()
                .statusCode(412)
                .body("type", equalTo("urn:mandate:problem:precondition-failed"));
        as(admin)
                .header("If-Match", "W/\"1\"")
                .body(profile)
                .put("/api/v1/agents/" + agent.id())
                .then()
                .statusCode(412);

        as(admin)
                .header("If-Match", agent.etag())
                .body(profile)
                .put("/api/v1/agents/" + agent.id())
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("sponsor", equalTo("bob@example.com"))
                .body("defaultTier", equalTo("AUTONOMOUS"));
        // the old ETag is stale now
        as(admin)
                .header("If-Match", agent.etag())
                .body(profile)
                .put("/api/v1/agents/" + agent.id())
                .then()
                .statusCode(412);
    }

    @Test
    void suspendReactivateAndHistory() {
        Fixtures.Created agent = Fixtures.agent(admin, "cycled");
        String etag = as(admin)
                .header("If-Match", agent.etag())
                .body(Map.of("status", "SUSPENDED", "reason", "incident 42"))
                .put("/api/v1/agents/" + agent.id() + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("SUSPENDED"))
                .extract()
                .header("ETag");
        as(admin)
                .header("If-Match", etag)
                .body(Map.of("status", "ACTIVE", "reason", "incident closed"))
                .put("/api/v1/agents/" + agent.id() + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"));

        as(admin)
                .get("/api/v1/agents/" + agent.id() + "/status-history")
                .then()
                .statusCode(200)
                .body("to", equalTo(List.of("ACTIVE", "SUSPENDED", "ACTIVE")))
                .body("reason", equalTo(List.of("created", "incident 42", "incident closed")))
                .body("changedBy[1]", equalTo("admin@" + tenant));
        as(admin).get("/api/v1/agents?status=ACTIVE").then().body("items.name", equalTo(List.of("cycled")));
    }

    @Test
    void statusCannotBeSetToDeprovisionedOrSomethingUnknown() {
        Fixtures.Created agent = Fixtures.agent(admin, "stubborn");
        as(admin)
                .header("If-Match", agent.etag())
                .body(Map.of("status", "DEPROVISIONED", "reason", "x"))
                .put("/api/v1/agents/" + agent.id() + "/status")
                .then()
                .statusCode(409);
        as(admin)
                .header("If-Match", agent.etag())
                .body(Map.of("status", "ASLEEP", "reason", "x"))
                .put("/api/v1/agents/" + agent.id() + "/status")
                .then()
                .statusCode(400);
        as(admin)
                .header("If-Match", agent.etag())
                .body(Map.of("status", "SUSPENDED"))
                .put("/api/v1/agents/" + agent.id() + "/status")
                .then()
                .statusCode(400);
    }

    @Test
    void deprovisionKeepsTheRecordAndIsFinal() {
        Fixtures.Created agent = Fixtures.agent(admin, "leaver");
        as(admin).delete("/api/v1/agents/" + agent.id()).then().statusCode(428);
        as(admin)
                .header("If-Match", agent.etag())
                .delete("/api/v1/agents/" + agent.id() + "?reason=left the company")
                .then()
                .statusCode(204);

        String etag = as(admin)
                .get("/api/v1/agents/" + agent.id())
                .then()
                .statusCode(200)
                .body("status", equalTo("DEPROVISIONED"))
                .extract()
                .header("ETag");
        as(admin)
                .header("If-Match", etag)
                .body(Map.of("status", "ACTIVE", "reason", "undo"))
                .put("/api/v1/agents/" + agent.id() + "/status")
                .then()
                .statusCode(409);
        as(admin)
                .header("If-Match", etag)
                .delete("/api/v1/agents/" + agent.id())
                .then()
                .statusCode(409);
        as(admin)
                .get("/api/v1/agents/" + agent.id() + "/status-history")
                .then()
                .body("reason[1]", equalTo("left the company"));
    }

    @Test
    void readersMayReadButNotWrite() {
        Fixtures.Created agent = Fixtures.agent(admin, "watched");
        for (String role : List.of(Tokens.AUDITOR, Tokens.APPROVER)) {
            String reader = Tokens.of(tenant, "reader", role);
            as(reader).get("/api/v1/agents/" + agent.id()).then().statusCode(200);
            as(reader)
                    .header("If-Match", agent.etag())
                    .body(Map.of("name", "watched", "sponsor", "evil"))
                    .put("/api/v1/agents/" + agent.id())
                    .then()
                    .statusCode(403);
            as(reader)
                    .header("If-Match", agent.etag())
                    .delete("/api/v1/agents/" + agent.id())
                    .then()
                    .statusCode(403);
        }
        as(admin).get("/api/v1/agents/" + agent.id()).then().header("ETag", agent.etag());
    }

    @Test
    void anAgentSeesOnlyItself() {
        Fixtures.Created self = Fixtures.agent(admin, "self");
        Fixtures.Created other = Fixtures.agent(admin, "other");
        String token = Tokens.agent(tenant, self.id());

        as(token).get("/api/v1/agents/" + self.id()).then().statusCode(200);
        as(token).get("/api/v1/agents/" + other.id()).then().statusCode(404);
        as(token)
                .get("/api/v1/agents")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items.name", equalTo(List.of("self")));
        as(token)
                .body(Map.of("name", "spawned", "sponsor", "me"))
                .post("/api/v1/agents")
                .then()
                .statusCode(403);
    }
}
