package dev.mandate.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed, mistyped, oversized and over-reaching requests: each answered with a precise 4xx
 * problem+json, and none of them writes anything (the tenant's row count is unchanged).
 */
class BadInputIT extends MandateIT {

    private static final String TENANT = newTenant();
    private static final String ADMIN = Tokens.admin(TENANT);
    private static String agentId;
    private static String roleId;

    @BeforeAll
    static void seed() {
        agentId = Fixtures.agent(ADMIN, "existing-agent").id();
        roleId = Fixtures.role(ADMIN, "existing-role", false).id();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {"{\"name\":", "{name: 'x'}", "not json", "{\"name\":\"a\"}}", "{\"a\":1} {\"b\":2}", "\u0000"})
    void malformedJsonIs400(String body) {
        assertNothingWritten(() -> as(ADMIN)
                .body(body)
                .post("/api/v1/agents")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:mandate:problem:malformed-json")));
    }

    @Test
    void emptyAndNullBodiesAre400() {
        for (String body : new String[] {"", "null"}) {
            assertNothingWritten(() -> as(ADMIN)
                    .body(body)
                    .post("/api/v1/agents")
                    .then()
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json")));
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "name|5",
                "name|[\"x\"]",
                "sponsor|{\"a\":1}",
                "description|true",
                "defaultTier|\"GOD_MODE\"",
                "defaultTier|3",
                "externalId|[]"
            })
    void wrongTypesAndUnknownEnumValuesAre400NamingTheField(String field, String json) {
        String name = field.equals("name") ? json : "\"typed\"";
        String sponsor = field.equals("sponsor") ? json : "\"s\"";
        String extra = field.equals("name") || field.equals("sponsor") ? "" : ",\"" + field + "\":" + json;
        String body = "{\"name\":" + name + ",\"sponsor\":" + sponsor + extra + "}";
        assertNothingWritten(() -> as(ADMIN)
                .body(body)
                .post("/api/v1/agents")
                .then()
                .statusCode(400)
                .body("type", equalTo("urn:mandate:problem:validation-failed"))
                .body("violations.field", hasItem(field)));
    }

    @Test
    void missingRequiredFieldsAreAllListed() {
        assertNothingWritten(() -> as(ADMIN)
                .body("{\"description\":\"no name\",\"sponsor\":\" \"}")
                .post("/api/v1/agents")
                .then()
                .statusCode(400)
                .body("violations.field", hasItems("name", "sponsor")));
        assertNothingWritten(() -> as(ADMIN)
                .body("{\"permissions\":[{\"tool\":\"\"},null]}")
                .post("/api/v1/roles")
                .then()
                .statusCode(400)
                .body(
                        "violations.field",
                        hasItems("name", "permissions[0].tool", "permissions[0].action", "permissions[1]")));
    }

    @Test
    void beanValidationRulesAreEnforced() {
        String tooLong = "x".repeat(1001);
        assertNothingWritten(() -> as(ADMIN)
                .body("{\"name\":\"-bad start\",\"sponsor\":\"s\",\"description\":\"" + tooLong + "\"}")
                .post("/api/v1/agents")
                .then()
                .statusCode(400)
                .body("violations.field", hasItems("name", "description")));
    }

    @ParameterizedTest(name = "client sets {0}")
    @ValueSource(strings = {"id", "tenant", "tenantId", "status", "version", "createdAt", "createdBy", "updatedBy"})
    void massAssignmentIsRefused(String field) {
        String body = "{\"name\":\"mass-" + field.toLowerCase() + "\",\"sponsor\":\"s\",\"" + field + "\":\"forged\"}";
        assertNothingWritten(() -> as(ADMIN)
                .body(body)
                .post("/api/v1/agents")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem(field)));
    }

    @Test
    void massAssignmentOnReplaceIsRefusedAndTheAgentUnchanged() {
        String etag = as(ADMIN).get("/api/v1/agents/" + agentId).header("ETag");
        as(ADMIN)
                .header("If-Match", etag)
                .body("{\"name\":\"existing-agent\",\"sponsor\":\"s\",\"status\":\"ACTIVE\",\"tenant\":\"other\"}")
                .put("/api/v1/agents/" + agentId)
                .then()
                .statusCode(400);
        as(ADMIN).get("/api/v1/agents/" + agentId).then().statusCode(200).header("ETag", etag);
    }

    @Test
    void oversizedBodyWithContentLengthIs413() {
        String huge = "{\"name\":\"big\",\"sponsor\":\"s\",\"description\":\"" + "x".repeat(300_000) + "\"}";
        assertNothingWritten(() -> as(ADMIN)
                .body(huge)
                .post("/api/v1/agents")
                .then()
                .statusCode(413)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:mandate:problem:payload-too-large")));
    }

    @Test
    void oversizedChunkedBodyIs413() throws Exception {
        byte[] huge = ("{\"name\":\"big\",\"sponsor\":\"s\",\"description\":\"" + "y".repeat(300_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        // an InputStream publisher has no known length, so the client sends Transfer-Encoding: chunked
        HttpRequest request = HttpRequest.newBuilder(URI.create(BASE_URL + "/api/v1/agents"))
                .header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                .build();
        long before = Database.footprint(TENANT);
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(Database.footprint(TENANT)).isEqualTo(before);
    }

    @Test
    void wrongContentTypeIs415() {
        assertNothingWritten(() -> as(ADMIN)
                .contentType("text/plain")
                .body("name=x")
                .post("/api/v1/agents")
                .then()
                .statusCode(415)
                .contentType(startsWith("application/problem+json")));
    }

    @Test
    void badQueryParametersAre400() {
        as(ADMIN).get("/api/v1/agents?limit=abc").then().statusCode(400).body("violations.field", hasItem("limit"));
        as(ADMIN).get("/api/v1/agents?limit=0").then().statusCode(400).body("violations.field", hasItem("limit"));
        as(ADMIN).get("/api/v1/agents?limit=100000").then().statusCode(400);
        as(ADMIN).get("/api/v1/agents?offset=-1").then().statusCode(400).body("violations.field", hasItem("offset"));
        as(ADMIN)
                .get("/api/v1/agents?status=ZOMBIE")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("status"));
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        as(ADMIN)
                .get("/api/v1/nothing-here")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        as(ADMIN).get("/no-such-page").then().statusCode(404).contentType(startsWith("application/problem+json"));
        as(ADMIN).patch("/api/v1/agents").then().statusCode(405).contentType(startsWith("application/problem+json"));
    }

    @Test
    void unknownIdsAre404() {
        as(ADMIN)
                .get("/api/v1/agents/00000000-0000-0000-0000-000000000000")
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:mandate:problem:not-found"));
        as(ADMIN).get("/api/v1/agents/'; drop table agent; --").then().statusCode(404);
        as(ADMIN).get("/api/v1/roles/" + agentId).then().statusCode(404);
        as(ADMIN)
                .delete("/api/v1/roles/" + roleId + "/assignments/" + agentId)
                .then()
                .statusCode(404);
    }

    @Test
    void assignmentOfUnknownPrincipalTypeIs400() {
        assertNothingWritten(() -> as(ADMIN)
                .body("{\"principalType\":\"ROBOT\",\"principal\":\"x\"}")
                .post("/api/v1/roles/" + roleId + "/assignments")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("principalType")));
    }

    @Test
    void reservedRoleNamesAreRefused() {
        assertNothingWritten(() -> as(ADMIN)
                .body("{\"name\":\"mandate-admin\",\"permissions\":[]}")
                .post("/api/v1/roles")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("name")));
    }

    private static void assertNothingWritten(Runnable request) {
        long before = Database.footprint(TENANT);
        request.run();
        assertThat(Database.footprint(TENANT)).as("rows of tenant %s", TENANT).isEqualTo(before);
    }
}
