package dev.mandate.it.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.mandate.it.support.Fixtures;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's failing SCIM sequences (items 2 to 5) replayed on the quick start's H2, in the demo tenant:
 * a user without sponsor, a re-created userName (H2 has no partial indexes), lowercase resource segments
 * and the RFC's schemas, an administrator's suspension, the tier ceiling and the risk owners' roles.
 */
class ScimOnH2IT {

    private static final String BASE = System.getProperty("mandate.it.h2.base-url", "http://127.0.0.1:29080");
    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String AGENT = "urn:mandate:params:scim:schemas:extension:agent:2.0:Agent";
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private static String admin;
    private static String provisioner;

    @BeforeAll
    static void tokens() {
        admin = Fixtures.devToken(BASE, "admin@demo.example", "mandate-admin");
        provisioner = Fixtures.devToken(BASE, "okta-provisioner", "scim-provisioner");
    }

    private static RequestSpecification as(String token, String contentType) {
        return RestAssured.given().baseUri(BASE).contentType(contentType).header("Authorization", "Bearer " + token);
    }

    private static RequestSpecification scim() {
        return as(provisioner, "application/scim+json");
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String patch(String operation) {
        return "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[" + operation + "]}";
    }

    @Test
    void aUserWithOnlyUserNameIsProvisionedAndDeniedUntilItHasASponsor() {
        String name = unique("plain");
        Response created = scim().body("{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + name + "\"}")
                .post("/scim/v2/users");
        created.then().statusCode(201).body("'" + AGENT + "'.sponsor", nullValue());
        String id = created.path("id");
        // the identity provider pushes the demo role that permits reading invoices
        String clerks = scim().queryParam("filter", "displayName eq \"ap-clerk\"")
                .get("/scim/v2/Groups")
                .then()
                .statusCode(200)
                .extract()
                .path("Resources[0].id");
        scim().body(patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + id + "\"}]}"))
                .patch("/scim/v2/Groups/" + clerks)
                .then()
                .statusCode(204);
        String agent = Fixtures.devToken(BASE, id, "mandate-agent");
        read(agent, id)
                .then()
                .statusCode(200)
                .body("decision", equalTo("DENY"))
                .body("reasons[0]", startsWith("NO_SPONSOR"));
        as(admin, "application/json")
                .get("/api/v1/agents/" + id + "/card")
                .then()
                .body("blockedBy[0]", startsWith("NO_SPONSOR"));
        scim().body(patch("{\"op\":\"replace\",\"path\":\"" + AGENT + ":sponsor\",\"value\":\"alice@demo.example\"}"))
                .patch("/scim/v2/Users/" + id)
                .then()
                .statusCode(200);
        read(agent, id).then().body("decision", equalTo("ALLOW"));
    }

    @Test
    void aDeletedUserNameIsProvisionedAgain() {
        String name = unique("rehire");
        String body = "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + name + "\",\"externalId\":\"" + name + "\"}";
        String first = scim().body(body)
                .post("/scim/v2/Users")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        scim().delete("/scim/v2/Users/" + first).then().statusCode(204);
        String second = scim().body(body)
                .post("/scim/v2/Users")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(second).isNotEqualTo(first);
        scim().body(body).post("/scim/v2/Users").then().statusCode(409).body("scimType", equalTo("uniqueness"));
        as(admin, "application/json").get("/api/v1/agents/" + first).then().body("status", equalTo("DEPROVISIONED"));
    }

    @Test
    void lowercaseSegmentsAndTheRfcsSchemas() {
        scim().get("/scim/v2/users").then().statusCode(200);
        scim().get("/scim/v2/groups").then().statusCode(200);
        scim().get("/scim/v2/schemas/" + USER)
                .then()
                .statusCode(200)
                .body("attributes.size()", equalTo(21))
                .body("attributes.find { it.name == 'password' }.returned", equalTo("never"));
    }

    @Test
    void theProvisionerCannotLiftAnAdminSuspensionRaiseATierOrDeleteAnApproverRole() {
        String name = unique("incident");
        String id = scim().body("{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + name + "\"}")
                .post("/scim/v2/Users")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String etag = as(admin, "application/json").get("/api/v1/agents/" + id).header("ETag");
        as(admin, "application/json")
                .header("If-Match", etag)
                .body(Map.of("status", "SUSPENDED", "reason", "incident"))
                .put("/api/v1/agents/" + id + "/status")
                .then()
                .statusCode(200);
        scim().body(patch("{\"op\":\"replace\",\"value\":{\"active\":true}}"))
                .patch("/scim/v2/Users/" + id)
                .then()
                .statusCode(200)
                .body("active", equalTo(false));
        scim().body(patch("{\"op\":\"replace\",\"path\":\"" + AGENT + ":defaultTier\",\"value\":\"AUTONOMOUS\"}"))
                .patch("/scim/v2/Users/" + id)
                .then()
                .statusCode(400)
                .body("scimType", equalTo("mutability"));
        String approverRole = scim().queryParam("filter", "displayName eq \"finance-approver\"")
                .get("/scim/v2/Groups")
                .then()
                .statusCode(200)
                .extract()
                .path("Resources[0].id");
        scim().delete("/scim/v2/Groups/" + approverRole).then().statusCode(400).body("scimType", equalTo("mutability"));
        scim().get("/scim/v2/Groups/" + approverRole).then().statusCode(200);
    }

    private static Response read(String agentToken, String agentId) {
        return as(agentToken, "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of(
                        "agentId",
                        agentId,
                        "taskId",
                        unique("task"),
                        "taskType",
                        "pay-invoice",
                        "requestedAction",
                        Map.of("tool", "erp", "action", "read_invoice", "arguments", Map.of("invoiceId", "INV-1")),
                        "modelUsage",
                        Map.of("model", "small", "calls", 1, "cost", 0.01)))
                .post("/api/v1/envelopes");
    }
}
