package dev.mandate.it.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.Tokens;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The request sequences Okta and Microsoft Entra ID send (from their SCIM documentation, see
 * ../shared/notes/SCIM-INTEROP.md), replayed end to end: connection test, create, lookup by filter,
 * update, deactivate (which stops the agent at once), reactivate, groups, delete.
 */
class ScimInteropIT extends ScimIT {

    @Test
    void okta() {
        String tenant = newTenant();
        String token = provisioner(tenant);
        // test connection / lookup before create: empty list, integers, stable
        scim(token)
                .contentType("application/json")
                .queryParam("filter", "userName eq \"bot@okta.example\"")
                .queryParam("startIndex", 1)
                .queryParam("count", 100)
                .get("/Users")
                .then()
                .statusCode(200)
                .body("totalResults", equalTo(0))
                .body("startIndex", equalTo(1));
        // create: password, groups: [] and externalId; the admin mapped the sponsor to the extension
        String create = "{\"schemas\":[\"" + USER + "\"],\"userName\":\"bot@okta.example\","
                + "\"name\":{\"givenName\":\"Refund\",\"familyName\":\"Bot\"},"
                + "\"emails\":[{\"primary\":true,\"value\":\"bot@okta.example\",\"type\":\"work\"}],"
                + "\"displayName\":\"Refund Bot\",\"locale\":\"en-US\",\"externalId\":\"00u1ab2c3D4E5F6G7h8\","
                + "\"groups\":[],\"password\":\"1mz050nq\",\"active\":true,"
                + "\"" + AGENT + "\":{\"sponsor\":\"alice@okta.example\"}}";
        Response created =
                scim(token).contentType("application/json").body(create).post("/Users");
        created.then()
                .statusCode(201)
                .body("userName", equalTo("bot@okta.example"))
                .body("active", equalTo(true));
        String id = created.path("id");
        // duplicate create: 409 uniqueness
        scim(token)
                .contentType("application/json")
                .body(create.replace("00u1ab2c3D4E5F6G7h8", "other"))
                .post("/Users")
                .then()
                .statusCode(409)
                .body("scimType", equalTo("uniqueness"));
        // lookup finds it, case-insensitively
        scim(token)
                .queryParam("filter", "userName eq \"BOT@okta.example\"")
                .queryParam("startIndex", 1)
                .queryParam("count", 100)
                .get("/Users")
                .then()
                .body("totalResults", equalTo(1))
                .body("Resources[0].id", equalTo(id));
        // profile update with PUT
        String updated = create.replace("\"Refund\"", "\"Refunds\"")
                .replace("\"password\":\"1mz050nq\",", "")
                .replace("{\"schemas\"", "{\"id\":\"" + id + "\",\"schemas\"");
        scim(token)
                .contentType("application/json")
                .body(updated)
                .put("/Users/" + id)
                .then()
                .statusCode(200)
                .body("name.givenName", equalTo("Refunds"));
        // the agent acts with its own token while active
        String agentToken = Tokens.agent(tenant, id);
        as(agentToken).get("/api/v1/me").then().statusCode(200);
        // deactivate: PATCH, no path
        scim(token)
                .body("{\"schemas\":[\"" + PATCH_OP
                        + "\"],\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}")
                .patch("/Users/" + id)
                .then()
                .statusCode(200)
                .body("active", equalTo(false));
        // stopped at once: the still-valid token is refused on the very next request; audited as a status change
        as(agentToken).get("/api/v1/me").then().statusCode(403);
        assertThat(Database.count(
                        "select count(*) from agent_status_change where agent_id = ? and to_status = 'SUSPENDED'"
                                + " and changed_by = ? and reason like 'SCIM%'",
                        id, "okta-provisioner@" + tenant))
                .isEqualTo(1);
        // a soft-deleted user is still returned
        scim(token).get("/Users/" + id).then().statusCode(200).body("active", equalTo(false));
        // reactivate with PUT (some integrations send everything as PUT)
        scim(token)
                .contentType("application/json")
                .body(updated)
                .put("/Users/" + id)
                .then()
                .statusCode(200)
                .body("active", equalTo(true));
        as(agentToken).get("/api/v1/me").then().statusCode(200);

        // groups: push creates, rename with unchanged id, member add/remove, full replace, unlink deletes
        Response group = scim(token)
                .contentType("application/json")
                .body("{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"Refund Agents\",\"members\":[]}")
                .post("/Groups");
        group.then().statusCode(201);
        String groupId = group.path("id");
        scim(token)
                .body("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"replace\",\"value\":{\"id\":\""
                        + groupId + "\",\"displayName\":\"Refund Agents EU\"}}]}")
                .patch("/Groups/" + groupId)
                .then()
                .statusCode(204);
        scim(token)
                .body("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"add\",\"path\":\"members\","
                        + "\"value\":[{\"value\":\"" + id + "\",\"display\":\"bot@okta.example\"}]}]}")
                .patch("/Groups/" + groupId)
                .then()
                .statusCode(204);
        scim(token)
                .get("/Groups/" + groupId)
                .then()
                .body("displayName", equalTo("Refund Agents EU"))
                .body("id", equalTo(groupId))
                .body("members.value", equalTo(List.of(id)));
        scim(token)
                .body("{\"schemas\":[\"" + PATCH_OP
                        + "\"],\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + id + "\\\"]\"}]}")
                .patch("/Groups/" + groupId)
                .then()
                .statusCode(204);
        scim(token).get("/Groups/" + groupId).then().body("members", hasSize(0));
        scim(token)
                .body("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"members\","
                        + "\"value\":[{\"value\":\"" + id + "\"}]}]}")
                .patch("/Groups/" + groupId)
                .then()
                .statusCode(204);
        scim(token).get("/Users/" + id).then().body("groups.value", hasItem(groupId));
        scim(token).delete("/Groups/" + groupId).then().statusCode(204);
        scim(token).get("/Users/" + id).then().body("groups", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void entraId() {
        String tenant = newTenant();
        String token = provisioner(tenant);
        // "Test connection": a random user, empty ListResponse
        scim(token)
                .queryParam("filter", "userName eq \"non-existent-user-5e2b\"")
                .get("/Users")
                .then()
                .statusCode(200)
                .body("totalResults", equalTo(0))
                .body("Resources", hasSize(0));
        // lookups Entra sends before creating
        scim(token)
                .queryParam("filter", "externalId eq \"58342554-38d6-4ec8-948c-50044d0a33fd\"")
                .get("/Users")
                .then()
                .statusCode(200)
                .body("totalResults", equalTo(0));
        scim(token)
                .queryParam("filter", "emails[type eq \"work\"].value eq \"Test_User_11bb@contoso.com\"")
                .get("/Users")
                .then()
                .statusCode(200)
                .body("totalResults", equalTo(0));
        // create (Entra's documented body) with the enterprise manager as the sponsor
        String create = "{\"schemas\":[\"" + USER + "\",\"" + ENTERPRISE + "\"],"
                + "\"externalId\":\"58342554-38d6-4ec8-948c-50044d0a33fd\",\"userName\":\"Test_User_feed3ace@contoso.com\","
                + "\"active\":true,\"displayName\":\"Test Agent\","
                + "\"emails\":[{\"primary\":true,\"type\":\"work\",\"value\":\"Test_User_11bb@contoso.com\"}],"
                + "\"meta\":{\"resourceType\":\"User\"},"
                + "\"name\":{\"formatted\":\"givenName familyName\",\"familyName\":\"familyName\",\"givenName\":\"givenName\"},"
                + "\"roles\":[],\"" + ENTERPRISE + "\":{\"manager\":{\"value\":\"owner@contoso.com\"}}}";
        Response created = scim(token).body(create).post("/Users");
        created.then().statusCode(201).body("'" + AGENT + "'.sponsor", equalTo("owner@contoso.com"));
        String id = created.path("id");
        // the lookups now find it
        scim(token)
                .queryParam("filter", "emails[type eq \"work\"].value eq \"test_user_11BB@contoso.com\"")
                .get("/Users")
                .then()
                .body("Resources[0].id", equalTo(id));
        scim(token)
                .queryParam(
                        "filter",
                        "userName eq \"Test_User_feed3ace@contoso.com\" and externalId eq \"58342554-38d6-4ec8-948c-50044d0a33fd\"")
                .get("/Users")
                .then()
                .body("totalResults", equalTo(1));
        // update: capitalised ops, add/replace/remove, value filter path, dotted and URN keys
        scim(token)
                .body("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":["
                        + "{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"updatedEmail@microsoft.com\"},"
                        + "{\"op\":\"Replace\",\"path\":\"name.familyName\",\"value\":\"updatedFamilyName\"},"
                        + "{\"op\":\"Add\",\"path\":\"" + ENTERPRISE + ":department\",\"value\":\"Finance\"}]}")
                .patch("/Users/" + id)
                .then()
                .statusCode(200)
                .body("emails[0].value", equalTo("updatedEmail@microsoft.com"))
                .body("name.familyName", equalTo("updatedFamilyName"))
                .body("'" + ENTERPRISE + "'.department", equalTo("Finance"));
        scim(token)
                .body("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"replace\",\"value\":{"
                        + "\"name.givenName\":\"Neo\",\"" + ENTERPRISE + ":manager\":{\"value\":\"boss2@contoso.com\"},"
                        + "\"" + AGENT + ":sponsor\":\"carol@contoso.com\",\"displayName\":\"Neo Agent\"}}]}")
                .patch("/Users/" + id)
                .then()
                .statusCode(200)
                .body("name.givenName", equalTo("Neo"))
                .body("displayName", equalTo("Neo Agent"))
                .body("'" + AGENT + "'.sponsor", equalTo("carol@contoso.com"))
                .body("'" + ENTERPRISE + "'.manager.value", equalTo("boss2@contoso.com"));
        // disable: "False" as a string; the agent is stopped at once
        String agentToken = Tokens.agent(tenant, id);
        as(agentToken).get("/api/v1/me").then().statusCode(200);
        scim(token)
                .body("{\"schemas\":[\"" + PATCH_OP
                        + "\"],\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]}")
                .patch("/Users/" + id)
                .then()
                .statusCode(200)
                .body("active", equalTo(false));
        as(agentToken).get("/api/v1/me").then().statusCode(403);
        scim(token).get("/Users/" + id).then().statusCode(200).body("active", equalTo(false));
        scim(token)
                .body("{\"schemas\":[\"" + PATCH_OP
                        + "\"],\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"}]}")
                .patch("/Users/" + id)
                .then()
                .body("active", equalTo(true));
        as(agentToken).get("/api/v1/me").then().statusCode(200);

        // groups: lookup by displayName without members, create, member add with $ref null, remove with value
        scim(token)
                .queryParam("filter", "displayName eq \"Group1DisplayName\"")
                .queryParam("excludedAttributes", "members")
                .get("/Groups")
                .then()
                .statusCode(200)
                .body("totalResults", equalTo(0));
        Response group = scim(token)
                .body("{\"externalId\":\"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159\",\"displayName\":\"Group1DisplayName\","
                        + "\"meta\":{\"resourceType\":\"Group\"},\"members\":[],\"schemas\":[\"" + GROUP + "\"]}")
                .post("/Groups");
        group.then().statusCode(201).body("externalId", equalTo("8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159"));
        String groupId = group.path("id");
        scim(token)
                .queryParam("filter", "displayName eq \"Group1DisplayName\"")
                .queryParam("excludedAttributes", "members")
                .get("/Groups")
                .then()
                .body("Resources[0].id", equalTo(groupId))
                .body("Resources[0].members", org.hamcrest.Matchers.nullValue());
        scim(token)
                .body("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"Add\",\"path\":\"members\","
                        + "\"value\":[{\"$ref\":null,\"value\":\"" + id + "\"}]}]}")
                .patch("/Groups/" + groupId)
                .then()
                .statusCode(204);
        scim(token).get("/Groups/" + groupId).then().body("members.value", equalTo(List.of(id)));
        scim(token)
                .body("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"Remove\",\"path\":\"members\","
                        + "\"value\":[{\"value\":\"" + id + "\"}]}]}")
                .patch("/Groups/" + groupId)
                .then()
                .statusCode(204);
        scim(token).get("/Groups/" + groupId).then().body("members.value", not(hasItem(id)));
        scim(token)
                .body(
                        "{\"schemas\":[\"" + PATCH_OP
                                + "\"],\"Operations\":[{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName\"}]}")
                .patch("/Groups/" + groupId)
                .then()
                .statusCode(204);
        // delete: the agent is deprovisioned, 404 from now on, its history kept
        scim(token).delete("/Users/" + id).then().statusCode(204);
        scim(token).get("/Users/" + id).then().statusCode(404);
        as(agentToken).get("/api/v1/me").then().statusCode(403);
        assertThat(Database.count("select count(*) from agent_status_change where agent_id = ?", id))
                .isGreaterThanOrEqualTo(4);
        scim(token).delete("/Groups/" + groupId).then().statusCode(204);
    }

    /**
     * Okta's default push knows nothing of Mandate's extension: no sponsor. Then a deactivation, a
     * deletion (a suite or an admin) and the same user pushed again.
     */
    @Test
    void oktaProvisionsWithoutSponsorAndReCreatesAUserName() {
        String tenant = newTenant();
        String token = provisioner(tenant);
        String create = "{\"schemas\":[\"" + USER + "\"],\"userName\":\"rehired@okta.example\","
                + "\"name\":{\"givenName\":\"Re\",\"familyName\":\"Hired\"},"
                + "\"emails\":[{\"primary\":true,\"value\":\"rehired@okta.example\",\"type\":\"work\"}],"
                + "\"displayName\":\"Re Hired\",\"externalId\":\"00u9zz\",\"groups\":[],\"password\":\"x1y2z3\","
                + "\"active\":true}";
        Response created =
                scim(token).contentType("application/json").body(create).post("/Users");
        created.then().statusCode(201).body("'" + AGENT + "'.sponsor", nullValue());
        String first = created.path("id");
        scim(token)
                .body("{\"schemas\":[\"" + PATCH_OP
                        + "\"],\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}")
                .patch("/Users/" + first)
                .then()
                .statusCode(200)
                .body("active", equalTo(false));
        scim(token).delete("/Users/" + first).then().statusCode(204);
        // pushed again: same userName, same externalId, a new agent
        Response again =
                scim(token).contentType("application/json").body(create).post("/Users");
        again.then().statusCode(201).body("active", equalTo(true));
        assertThat((String) again.path("id")).isNotEqualTo(first);
        scim(token)
                .queryParam("filter", "userName eq \"rehired@okta.example\"")
                .queryParam("startIndex", 1)
                .queryParam("count", 100)
                .get("/Users")
                .then()
                .body("totalResults", equalTo(1))
                .body("Resources[0].id", equalTo(again.path("id")));
    }

    /** Some Okta integrations send everything as PUT: a profile change and the deactivation in one. */
    // TODO issue 15 item 1 (a request writing two audit records waits on the audit chain's row lock held
    //  by its own first connection: PostgreSQL never answers, H2 answers 500 after its lock timeout). Fixed in
    //  parallel (one transaction on one connection per SCIM request): enable when that lands.
    @Test
    void oktaDeactivatesWithPut() {
        String tenant = newTenant();
        String token = provisioner(tenant);
        String id = createUser(token, "put-deactivated");
        String agentToken = Tokens.agent(tenant, id);
        as(agentToken).get("/api/v1/me").then().statusCode(200);
        scim(token)
                .config(BOUNDED)
                .contentType("application/json")
                .body(userJson("put-deactivated", "alice@example.com")
                        .replace("\"displayName\":\"put-deactivated\"", "\"displayName\":\"Gone Bot\"")
                        .replace("\"active\":true", "\"active\":false"))
                .put("/Users/" + id)
                .then()
                .statusCode(200)
                .body("displayName", equalTo("Gone Bot"))
                .body("active", equalTo(false));
        as(agentToken).get("/api/v1/me").then().statusCode(403);
    }

    /** Okta's "Push Groups" of a group that already has members. */
    // TODO issue 15 item 1 (a request writing two audit records waits on the audit chain's row lock held
    //  by its own first connection: PostgreSQL never answers, H2 answers 500 after its lock timeout). Fixed in
    //  parallel (one transaction on one connection per SCIM request): enable when that lands.
    @Test
    void oktaPushesAGroupWithMembers() {
        String token = provisioner(newTenant());
        String id = createUser(token, "member-bot");
        Response group = scim(token)
                .config(BOUNDED)
                .contentType("application/json")
                .body("{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"Pushed With Members\","
                        + "\"members\":[{\"value\":\"" + id + "\",\"display\":\"member-bot\"}]}")
                .post("/Groups");
        group.then().statusCode(201).body("members.value", equalTo(List.of(id)));
        scim(token).get("/Users/" + id).then().body("groups.value", hasItem((String) group.path("id")));
    }

    /** Entra ID without a manager mapping, a soft delete, DELETE, and the re-hire. */
    @Test
    void entraIdProvisionsWithoutManagerAndReCreatesAfterDelete() {
        String token = provisioner(newTenant());
        String create = "{\"schemas\":[\"" + USER + "\",\"" + ENTERPRISE + "\"],"
                + "\"externalId\":\"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\",\"userName\":\"rehire@contoso.com\","
                + "\"active\":true,\"displayName\":\"Rehire\","
                + "\"emails\":[{\"primary\":true,\"type\":\"work\",\"value\":\"rehire@contoso.com\"}],"
                + "\"meta\":{\"resourceType\":\"User\"},\"roles\":[],\"" + ENTERPRISE + "\":{\"department\":\"Ops\"}}";
        Response created = scim(token).body(create).post("/users");
        created.then().statusCode(201).body("'" + AGENT + "'.sponsor", nullValue());
        String first = created.path("id");
        scim(token)
                .body("{\"schemas\":[\"" + PATCH_OP
                        + "\"],\"Operations\":[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]}")
                .patch("/users/" + first)
                .then()
                .statusCode(200)
                .body("active", equalTo(false));
        scim(token).delete("/users/" + first).then().statusCode(204);
        Response again = scim(token).body(create).post("/users");
        again.then().statusCode(201);
        assertThat((String) again.path("id")).isNotEqualTo(first);
        scim(token)
                .queryParam("filter", "externalId eq \"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\"")
                .get("/users")
                .then()
                .body("totalResults", equalTo(1))
                .body("Resources[0].id", equalTo(again.path("id")));
    }

    /** Entra ID creates a group with its members in the POST when they were provisioned first. */
    @Test
    void entraIdCreatesAGroupWithMembers() {
        String token = provisioner(newTenant());
        String first = createUser(token, "entra-member-1");
        String second = createUser(token, "entra-member-2");
        Response group = scim(token)
                .config(BOUNDED)
                .body("{\"externalId\":\"5e7a1c2d-0000-4000-8000-000000000001\",\"displayName\":\"Entra Members\","
                        + "\"meta\":{\"resourceType\":\"Group\"},\"schemas\":[\"" + GROUP + "\"],"
                        + "\"members\":[{\"$ref\":null,\"value\":\"" + first + "\"},{\"value\":\"" + second + "\"}]}")
                .post("/groups");
        group.then().statusCode(201);
        scim(token)
                .get("/Groups/" + group.path("id"))
                .then()
                .body("members.value", org.hamcrest.Matchers.containsInAnyOrder(first, second));
    }

    /** A request that should answer within seconds fails the test instead of hanging the suite. */
    private static final RestAssuredConfig BOUNDED = RestAssuredConfig.config()
            .httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.socket.timeout", 20_000)
                    .setParam("http.connection.timeout", 5_000));
}
