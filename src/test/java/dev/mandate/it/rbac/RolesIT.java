package dev.mandate.it.rbac;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Roles over tools and actions, approver roles, and assignments to agents and people. */
class RolesIT extends MandateIT {

    private final String tenant = newTenant();
    private final String admin = Tokens.admin(tenant);

    @Test
    void createReadReplaceAndDelete() {
        io.restassured.response.Response created = as(admin)
                .body(Map.of(
                        "name", "ap-clerk",
                        "description", "accounts payable",
                        "permissions",
                                List.of(
                                        Map.of("tool", "erp", "action", "read_invoice"),
                                        Map.of("tool", "erp", "action", "match_po"))))
                .post("/api/v1/roles");
        created.then().statusCode(201).body("approver", equalTo(false)).body("permissions", hasSize(2));
        String id = created.path("id");
        String etag = created.header("ETag");

        as(admin)
                .get("/api/v1/roles/" + id)
                .then()
                .statusCode(200)
                .header("ETag", etag)
                .body("permissions.action", equalTo(List.of("match_po", "read_invoice")));

        String replaced = as(admin)
                .header("If-Match", etag)
                .body(Map.of("name", "ap-clerk", "permissions", List.of(Map.of("tool", "erp", "action", "*"))))
                .put("/api/v1/roles/" + id)
                .then()
                .statusCode(200)
                .body("permissions.action", equalTo(List.of("*")))
                .extract()
                .header("ETag");
        Assertions.assertThat(replaced).isNotEqualTo(etag);

        as(admin).header("If-Match", etag).delete("/api/v1/roles/" + id).then().statusCode(412);
        as(admin)
                .header("If-Match", replaced)
                .delete("/api/v1/roles/" + id)
                .then()
                .statusCode(204);
        as(admin).get("/api/v1/roles/" + id).then().statusCode(404);
    }

    @Test
    void duplicateRoleNameIs409() {
        Fixtures.role(admin, "unique-role", false);
        as(admin)
                .body(Map.of("name", "unique-role", "permissions", List.of()))
                .post("/api/v1/roles")
                .then()
                .statusCode(409);
    }

    @Test
    void assignToAgentsAndPeopleAndSeeItFromBothSides() {
        Fixtures.Created agent = Fixtures.agent(admin, "clerk-bot");
        Fixtures.Created role = Fixtures.role(admin, "clerk", false);
        Fixtures.Created approver = Fixtures.role(admin, "finance-approver", true);

        Fixtures.assignment(admin, role.id(), "AGENT", agent.id());
        Fixtures.assignment(admin, approver.id(), "PERSON", "carol@example.com");

        as(admin)
                .get("/api/v1/agents/" + agent.id() + "/roles")
                .then()
                .statusCode(200)
                .body("name", equalTo(List.of("clerk")));
        as(admin)
                .get("/api/v1/roles/" + approver.id() + "/assignments")
                .then()
                .body("principal", equalTo(List.of("carol@example.com")));
        as(Tokens.of(tenant, "carol@example.com", Tokens.APPROVER))
                .get("/api/v1/me")
                .then()
                .statusCode(200)
                .body("roles.name", equalTo(List.of("finance-approver")));
        as(Tokens.agent(tenant, agent.id())).get("/api/v1/me").then().body("roles.name", equalTo(List.of("clerk")));
    }

    @Test
    void assignmentRulesAreEnforced() {
        Fixtures.Created agent = Fixtures.agent(admin, "rule-bot");
        Fixtures.Created role = Fixtures.role(admin, "plain", false);
        Fixtures.Created approver = Fixtures.role(admin, "approver-only", true);

        Fixtures.assignment(admin, role.id(), "AGENT", agent.id());
        as(admin)
                .body(Map.of("principalType", "AGENT", "principal", agent.id()))
                .post("/api/v1/roles/" + role.id() + "/assignments")
                .then()
                .statusCode(409);
        as(admin)
                .body(Map.of("principalType", "AGENT", "principal", agent.id()))
                .post("/api/v1/roles/" + approver.id() + "/assignments")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("principalType"));
        as(admin)
                .body(Map.of("principalType", "AGENT", "principal", "00000000-0000-4000-8000-00000000dead"))
                .post("/api/v1/roles/" + role.id() + "/assignments")
                .then()
                .statusCode(404);
    }

    @Test
    void unassignAndDeleteCascade() {
        Fixtures.Created agent = Fixtures.agent(admin, "cascade-bot");
        Fixtures.Created role = Fixtures.role(admin, "cascade", false);
        Fixtures.Created held = Fixtures.assignment(admin, role.id(), "AGENT", agent.id());
        Fixtures.assignment(admin, role.id(), "PERSON", "dave@example.com");

        as(admin)
                .delete("/api/v1/roles/" + role.id() + "/assignments/" + held.id())
                .then()
                .statusCode(204);
        as(admin).get("/api/v1/agents/" + agent.id() + "/roles").then().body("$", empty());

        as(admin)
                .header("If-Match", role.etag())
                .delete("/api/v1/roles/" + role.id())
                .then()
                .statusCode(204);
        Assertions.assertThat(Database.rows("rbac_role_assignment", tenant)).isZero();
    }

    @Test
    void onlyAdminsWriteRolesAndAgentsCannotReadThem() {
        Fixtures.Created role = Fixtures.role(admin, "guarded", false);
        String auditor = Tokens.of(tenant, "aud", Tokens.AUDITOR);
        as(auditor).get("/api/v1/roles/" + role.id()).then().statusCode(200);
        as(auditor)
                .body(Map.of("name", "x", "permissions", List.of()))
                .post("/api/v1/roles")
                .then()
                .statusCode(403);
        as(auditor)
                .body(Map.of("principalType", "PERSON", "principal", "aud"))
                .post("/api/v1/roles/" + role.id() + "/assignments")
                .then()
                .statusCode(403);

        Fixtures.Created agent = Fixtures.agent(admin, "nosy-bot");
        as(Tokens.agent(tenant, agent.id())).get("/api/v1/roles").then().statusCode(403);
    }
}
