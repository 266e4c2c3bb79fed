package dev.mandate.it.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import dev.mandate.it.support.Asadmin;
import dev.mandate.it.support.Database;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.Tokens;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the identity provider may and may not do (issue 15): re-create a deleted userName, spell the
 * resource segment in any case, read the RFC's schemas; never lift an administrator's suspension, never
 * raise a tier above the tenant's ceiling, never delete the risk owners' roles.
 */
class ScimGovernanceIT extends ScimIT {

    @Test
    void aDeletedUserNameAndExternalIdCanBeProvisionedAgain() {
        String tenant = newTenant();
        String token = provisioner(tenant);
        String first = createUser(token, "rehire-bot");
        scim(token).delete("/Users/" + first).then().statusCode(204);

        Response again = scim(token)
                .body(userJson("Rehire-Bot", "alice@example.com").replace("ext-Rehire-Bot", "ext-rehire-bot"))
                .post("/Users");
        again.then().statusCode(201).body("userName", equalTo("Rehire-Bot"));
        String second = again.path("id");
        assertThat(second).isNotEqualTo(first);
        // the old identity keeps its id, status history and audit; SCIM sees only the new one
        scim(token).get("/Users/" + first).then().statusCode(404);
        scim(token)
                .queryParam("filter", "userName eq \"rehire-bot\" or externalId eq \"ext-rehire-bot\"")
                .get("/Users")
                .then()
                .body("totalResults", equalTo(1))
                .body("Resources[0].id", equalTo(second));
        String admin = Tokens.admin(tenant);
        as(admin)
                .get("/api/v1/agents/" + first)
                .then()
                .statusCode(200)
                .body("status", equalTo("DEPROVISIONED"))
                .body("name", equalTo("rehire-bot"));
        assertThat(Database.count(
                        "select count(*) from audit_record where tenant_id = ? and agent_id = ?", tenant, first))
                .isGreaterThanOrEqualTo(2);
        // uniqueness still holds among agents that are not deprovisioned, on both attributes
        long before = Database.footprint(tenant);
        scim(token)
                .body(userJson("REHIRE-BOT", "x@example.com").replace("ext-REHIRE-BOT", "other"))
                .post("/Users")
                .then()
                .statusCode(409)
                .body("scimType", equalTo("uniqueness"));
        scim(token)
                .body(userJson("someone-else", "x@example.com").replace("ext-someone-else", "ext-rehire-bot"))
                .post("/Users")
                .then()
                .statusCode(409)
                .body("scimType", equalTo("uniqueness"));
        assertThat(Database.footprint(tenant)).isEqualTo(before);

        // the API's deprovisioning releases the name as well
        Fixtures.Created viaApi = Fixtures.agent(admin, "api-rehire");
        as(admin)
                .header("If-Match", viaApi.etag())
                .delete("/api/v1/agents/" + viaApi.id())
                .then()
                .statusCode(204);
        Fixtures.agent(admin, "API-Rehire");
    }

    @Test
    void resourceSegmentsAnswerInAnyCase() {
        String token = provisioner(newTenant());
        Response created =
                scim(token).body(userJson("lower-bot", "alice@example.com")).post("/users");
        created.then()
                .statusCode(201)
                .body("meta.location", org.hamcrest.Matchers.endsWith("/scim/v2/Users/" + created.path("id")));
        String id = created.path("id");
        scim(token).get("/users/" + id).then().statusCode(200).body("id", equalTo(id));
        scim(token).get("/USERS").then().statusCode(200).body("totalResults", equalTo(1));
        scim(token)
                .queryParam("filter", "userName eq \"lower-bot\"")
                .get("/users")
                .then()
                .body("totalResults", equalTo(1));
        scim(token)
                .body(patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Lower\"}"))
                .patch("/users/" + id)
                .then()
                .statusCode(200)
                .body("displayName", equalTo("Lower"));
        scim(token)
                .body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"filter\":"
                        + "\"userName sw \\\"lower\\\"\"}")
                .post("/users/.search")
                .then()
                .statusCode(200)
                .body("totalResults", equalTo(1));
        Response group = scim(token)
                .body("{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"lower-group\"}")
                .post("/groups");
        group.then().statusCode(201);
        scim(token).get("/groups").then().statusCode(200).body("totalResults", equalTo(1));
        scim(token).delete("/Groups/" + group.path("id")).then().statusCode(204);
        scim(token).get("/serviceproviderconfig").then().statusCode(200);
        scim(token).get("/resourcetypes/user").then().statusCode(200).body("schema", equalTo(USER));
        scim(token).get("/schemas/" + USER.toLowerCase()).then().statusCode(200).body("id", equalTo(USER));
        scim(token)
                .body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":["
                        + "{\"method\":\"DELETE\",\"path\":\"/users/" + id + "\"}]}")
                .post("/bulk")
                .then()
                .statusCode(200)
                .body("Operations[0].status", equalTo("204"));
        scim(token).get("/users/" + id).then().statusCode(404).body("schemas", hasItem(ERROR));
        scim(token).get("/people").then().statusCode(404).body("schemas", hasItem(ERROR));
    }

    @Test
    void schemasPublishTheRfcsCoreSchemasBesideMandatesExtension() {
        String token = provisioner(newTenant());
        Response schemas = scim(token).get("/Schemas");
        schemas.then()
                .statusCode(200)
                .body("totalResults", equalTo(4))
                .body("Resources.id", hasItems(USER, GROUP, ENTERPRISE, AGENT));
        scim(token)
                .get("/Schemas/" + USER)
                .then()
                .statusCode(200)
                .body("name", equalTo("User"))
                .body("description", equalTo("User Account"))
                .body("attributes", org.hamcrest.Matchers.hasSize(21))
                .body("attributes.name", hasItems("userName", "nickName", "addresses", "x509Certificates"))
                .body("attributes.find { it.name == 'userName' }.uniqueness", equalTo("server"))
                .body("attributes.find { it.name == 'password' }.returned", equalTo("never"))
                .body("attributes.find { it.name == 'password' }.mutability", equalTo("writeOnly"))
                .body(
                        "attributes.find { it.name == 'name' }.subAttributes.name",
                        equalTo(List.of(
                                "formatted",
                                "familyName",
                                "givenName",
                                "middleName",
                                "honorificPrefix",
                                "honorificSuffix")))
                .body("meta.resourceType", equalTo("Schema"));
        scim(token)
                .get("/Schemas/" + GROUP)
                .then()
                .body(
                        "attributes.find { it.name == 'members' }.subAttributes.name",
                        equalTo(List.of("value", "$ref", "type")));
        scim(token)
                .get("/Schemas/" + AGENT)
                .then()
                .body("attributes.find { it.name == 'sponsor' }.required", equalTo(false));
    }

    @Test
    void scimActivationNeverLiftsAnAdministratorsSuspension() {
        String tenant = newTenant();
        String token = provisioner(tenant);
        String admin = Tokens.admin(tenant);
        String id = createUser(token, "incident-bot");
        String agentToken = Tokens.agent(tenant, id);
        String etag = as(admin).get("/api/v1/agents/" + id).header("ETag");
        as(admin)
                .header("If-Match", etag)
                .body(Map.of("status", "SUSPENDED", "reason", "incident 42"))
                .put("/api/v1/agents/" + id + "/status")
                .then()
                .statusCode(200);

        // Okta's routine push: PATCH active=true, then a PUT of the whole profile
        scim(token)
                .body(patch("{\"op\":\"replace\",\"value\":{\"active\":true}}"))
                .patch("/Users/" + id)
                .then()
                .statusCode(200)
                .body("active", equalTo(false))
                .body("'" + AGENT + "'.status", equalTo("SUSPENDED"));
        scim(token)
                .body(userJson("incident-bot", "alice@example.com")
                        .replace("\"displayName\":\"incident-bot\"", "\"displayName\":\"Incident Bot\""))
                .put("/Users/" + id)
                .then()
                .statusCode(200)
                .body("displayName", equalTo("Incident Bot"))
                .body("active", equalTo(false));
        as(agentToken).get("/api/v1/me").then().statusCode(403);
        as(admin).get("/api/v1/agents/" + id).then().body("suspendedBy", equalTo("API"));
        assertThat(Database.count(
                        "select count(*) from agent_status_change where agent_id = ? and to_status = 'ACTIVE'"
                                + " and from_status is not null",
                        id))
                .isZero();

        // the administrator lifts it; a suspension the identity provider made, it may lift itself
        etag = as(admin).get("/api/v1/agents/" + id).header("ETag");
        as(admin)
                .header("If-Match", etag)
                .body(Map.of("status", "ACTIVE", "reason", "incident closed"))
                .put("/api/v1/agents/" + id + "/status")
                .then()
                .statusCode(200);
        scim(token)
                .body(patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"))
                .patch("/Users/" + id)
                .then()
                .body("active", equalTo(false));
        as(admin).get("/api/v1/agents/" + id).then().body("suspendedBy", equalTo("SCIM"));
        scim(token)
                .body(patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":true}"))
                .patch("/Users/" + id)
                .then()
                .body("active", equalTo(true));
        as(agentToken).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void scimSetsADefaultTierOnlyUpToTheTenantsCeiling() {
        String tenant = newTenant();
        String token = provisioner(tenant);
        String admin = Tokens.admin(tenant);
        String id = createUser(token, "tiered-bot"); // SUGGEST_ONLY: at the default ceiling
        long before = Database.footprint(tenant);
        scim(token)
                .body(userJson("autonomous-bot", "alice@example.com").replace("SUGGEST_ONLY", "AUTONOMOUS"))
                .post("/Users")
                .then()
                .statusCode(400)
                .body("scimType", equalTo("mutability"))
                .body("detail", org.hamcrest.Matchers.containsString("SUGGEST_ONLY"));
        scim(token)
                .body(patch("{\"op\":\"replace\",\"path\":\"" + AGENT
                        + ":defaultTier\",\"value\":\"EXECUTE_WITH_APPROVAL\"}"))
                .patch("/Users/" + id)
                .then()
                .statusCode(400)
                .body("scimType", equalTo("mutability"));
        scim(token)
                .body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":["
                        + "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"a\",\"data\":"
                        + userJson("bulk-bot", "alice@example.com").replace("SUGGEST_ONLY", "AUTONOMOUS") + "}]}")
                .post("/Bulk")
                .then()
                .statusCode(200)
                .body("Operations[0].status", equalTo("400"))
                .body("Operations[0].response.scimType", equalTo("mutability"));
        assertThat(Database.footprint(tenant)).isEqualTo(before);

        // an administrator raises it through the API; the identity provider's next PUT keeps it
        String etag = as(admin).get("/api/v1/agents/" + id).header("ETag");
        as(admin)
                .header("If-Match", etag)
                .body(Map.of(
                        "name", "tiered-bot",
                        "sponsor", "alice@example.com",
                        "defaultTier", "AUTONOMOUS",
                        "externalId", "ext-tiered-bot"))
                .put("/api/v1/agents/" + id)
                .then()
                .statusCode(200);
        scim(token)
                .body("{\"schemas\":[\"" + USER + "\"],\"userName\":\"tiered-bot\",\"externalId\":\"ext-tiered-bot\","
                        + "\"displayName\":\"Tiered\",\"active\":true}")
                .put("/Users/" + id)
                .then()
                .statusCode(200)
                .body("'" + AGENT + "'.defaultTier", equalTo("AUTONOMOUS"));
        // lowering is always allowed
        scim(token)
                .body(patch("{\"op\":\"replace\",\"path\":\"" + AGENT + ":defaultTier\",\"value\":\"READ_ONLY\"}"))
                .patch("/Users/" + id)
                .then()
                .statusCode(200)
                .body("'" + AGENT + "'.defaultTier", equalTo("READ_ONLY"));

        // a tenant's own ceiling
        String key = "mandate.tenant." + tenant + ".scim-max-tier";
        Asadmin.setProperty(key, "AUTONOMOUS");
        try {
            scim(token)
                    .body(userJson("autonomous-bot", "alice@example.com").replace("SUGGEST_ONLY", "AUTONOMOUS"))
                    .post("/Users")
                    .then()
                    .statusCode(201)
                    .body("'" + AGENT + "'.defaultTier", equalTo("AUTONOMOUS"));
        } finally {
            Asadmin.removeProperty(key);
        }
    }

    @Test
    void rolesOfRiskOwnersAreNotDeletedOverScim() {
        String tenant = newTenant();
        String token = provisioner(tenant);
        String admin = Tokens.admin(tenant);
        Fixtures.Created approver = Fixtures.role(admin, "payment-approvers", true);
        Fixtures.Created peoples = Fixtures.role(admin, "people-role", false);
        Fixtures.assignment(admin, peoples.id(), "PERSON", "alice@example.com");
        String plain = createGroup(token, "plain-agents");
        long before = Database.footprint(tenant);

        for (String id : List.of(approver.id(), peoples.id())) {
            scim(token)
                    .delete("/Groups/" + id)
                    .then()
                    .statusCode(400)
                    .body("scimType", equalTo("mutability"))
                    .body("detail", org.hamcrest.Matchers.containsString("/api/v1/roles"));
            scim(token).get("/Groups/" + id).then().statusCode(200);
        }
        assertThat(Database.footprint(tenant)).isEqualTo(before);
        scim(token).delete("/Groups/" + plain).then().statusCode(204);
        as(admin)
                .get("/api/v1/roles")
                .then()
                .body("items.name", hasItems("payment-approvers", "people-role"))
                .body("items.name", not(hasItem("plain-agents")));
        // the administrator may
        as(admin)
                .header("If-Match", approver.etag())
                .delete("/api/v1/roles/" + approver.id())
                .then()
                .statusCode(204);
    }
}
