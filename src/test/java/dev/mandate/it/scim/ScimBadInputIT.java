package dev.mandate.it.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.Tokens;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input on every SCIM endpoint: malformed JSON, wrong types, oversized bodies, missing or invalid
 * tokens, another tenant's ids. Always a SCIM error (never a 500), never a partial write.
 */
class ScimBadInputIT extends ScimIT {

    private static final String TENANT = newTenant();
    private static final String OTHER = newTenant();
    private static final String TOKEN = provisioner(TENANT);
    private static String userId;
    private static String groupId;
    private static String otherUserId;
    private static String otherGroupId;

    @BeforeAll
    static void seed() {
        userId = createUser(TOKEN, "bad-input-user");
        groupId = createGroup(TOKEN, "bad-input-group");
        String otherToken = provisioner(OTHER);
        otherUserId = createUser(otherToken, "other-tenant-user");
        otherGroupId = createGroup(otherToken, "other-tenant-group");
    }

    /** method|path|body (USER and GROUP stand for this tenant's ids). */
    private static final String[] WRITES = {
        "POST|/Users|",
        "PUT|/Users/USER|",
        "PATCH|/Users/USER|",
        "POST|/Groups|",
        "PUT|/Groups/GROUP|",
        "PATCH|/Groups/GROUP|",
        "POST|/Bulk|",
        "POST|/Users/.search|",
        "POST|/Groups/.search|"
    };

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "{\"userName\":",
                "{userName: 'x'}",
                "not json",
                "{\"a\":1}}",
                "{\"a\":1} {\"b\":2}",
                "[]",
                "\"text\"",
                "null",
                "",
                "{\"a\":1,\"a\":2}"
            })
    void malformedJsonIs400InvalidSyntaxEverywhere(String body) {
        for (String write : WRITES) {
            assertNothingWritten(() -> send(TOKEN, write, body)
                    .statusCode(400)
                    .contentType(startsWith(SCIM_JSON))
                    .body("schemas", hasItem(ERROR))
                    .body("status", equalTo("400")));
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "userName|5",
                "userName|[\"x\"]",
                "userName|\"\"",
                "userName|\"has space\"",
                "externalId|{}",
                "active|\"maybe\"",
                "active|3",
                "displayName|true",
                "emails|\"a@b\"",
                "emails|[5]",
                "urn:mandate:params:scim:schemas:extension:agent:2.0:Agent|\"x\"",
                "urn:mandate:params:scim:schemas:extension:agent:2.0:Agent|{\"sponsor\":5}",
                "urn:mandate:params:scim:schemas:extension:agent:2.0:Agent|{\"sponsor\":\"a\",\"defaultTier\":\"GOD\"}",
                "urn:mandate:params:scim:schemas:extension:agent:2.0:Agent|{\"sponsor\":\"a\",\"workflow\":\"Not Valid\"}"
            })
    void wrongTypesOnUsersAre400InvalidValue(String field, String json) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("userName", "\"typed\"");
        fields.put(AGENT, "{\"sponsor\":\"s@example.com\"}");
        fields.put(field, json);
        StringBuilder body = new StringBuilder("{\"schemas\":[\"" + USER + "\"]");
        fields.forEach(
                (name, value) -> body.append(",\"").append(name).append("\":").append(value));
        body.append('}');
        assertNothingWritten(() -> scim(TOKEN)
                .body(body.toString())
                .post("/Users")
                .then()
                .statusCode(400)
                .body("scimType", equalTo("invalidValue")));
        assertNothingWritten(() -> scim(TOKEN)
                .body(body.toString())
                .put("/Users/" + userId)
                .then()
                .statusCode(400)
                .body("scimType", equalTo("invalidValue")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"displayName\":5}",
                "{\"displayName\":\"\"}",
                "{\"displayName\":\"x\",\"members\":{}}",
                "{\"displayName\":\"x\",\"members\":[{\"value\":5}]}",
                "{\"displayName\":\"x\",\"members\":[{\"value\":\"nope\"}]}",
                "{\"displayName\":\"mandate-admin\"}",
                "{\"displayName\":\"x\",\"externalId\":[]}"
            })
    void wrongGroupsAre400(String body) {
        assertNothingWritten(() ->
                scim(TOKEN).body(body).post("/Groups").then().statusCode(400).contentType(startsWith(SCIM_JSON)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"POST|/Users|", "PATCH|/Users/USER|", "POST|/Groups|"})
    void oversizedBodiesAre413(String write) {
        String huge = "{\"userName\":\"" + "a".repeat(1_100_000) + "\"}";
        assertNothingWritten(() -> send(TOKEN, write, huge).statusCode(413).body("schemas", hasItem(ERROR)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "none",
                "garbage",
                "unsigned",
                "unknown-key",
                "hs256-public-key",
                "rs512",
                "expired",
                "no-tenant",
                "not-valid-yet",
                "subject-too-long",
                "subject-with-control-character",
                "admin-not-provisioner",
                "agent"
            })
    void tokensAre401Or403WithScimErrors(String kind) {
        String token =
                switch (kind) {
                    case "none" -> null;
                    case "garbage" -> "not.a.jwt";
                    case "unsigned" -> Tokens.unsigned(TENANT, Tokens.SCIM);
                    case "unknown-key" -> Tokens.signedByUnknownKey(TENANT, Tokens.SCIM);
                    case "hs256-public-key" -> Tokens.hs256WithPublicKey(TENANT, Tokens.SCIM);
                    case "rs512" -> Tokens.signedWith(com.nimbusds.jose.JWSAlgorithm.RS512, TENANT, Tokens.SCIM);
                    case "expired" ->
                        Tokens.with(
                                TENANT,
                                "p",
                                c -> c.expirationTime(new java.util.Date(System.currentTimeMillis() - 3_600_000)),
                                Tokens.SCIM);
                    case "no-tenant" -> Tokens.with(TENANT, "p", c -> c.claim("tenant", null), Tokens.SCIM);
                    case "not-valid-yet" ->
                        Tokens.with(
                                TENANT,
                                "p",
                                c -> c.notBeforeTime(new java.util.Date(System.currentTimeMillis() + 3_600_000)),
                                Tokens.SCIM);
                    // the audit's actor column holds 256 characters: as under /api, the door refuses more
                    case "subject-too-long" -> Tokens.of(TENANT, "p".repeat(257), Tokens.SCIM);
                    case "subject-with-control-character" -> Tokens.of(TENANT, "okta\u0000provisioner", Tokens.SCIM);
                    case "admin-not-provisioner" -> Tokens.admin(TENANT);
                    default -> Tokens.agent(TENANT, userId);
                };
        int expected = kind.equals("admin-not-provisioner") || kind.equals("agent") ? 403 : 401;
        for (String path : new String[] {"/Users", "/Groups", "/ServiceProviderConfig", "/Users/" + userId}) {
            RequestSpecification request = RestAssured.given().baseUri(BASE_URL).basePath("/scim/v2");
            if (token != null) {
                request = request.header("Authorization", "Bearer " + token);
            }
            request.get(path)
                    .then()
                    .statusCode(expected)
                    .contentType(startsWith(SCIM_JSON))
                    .body("schemas", hasItem(ERROR))
                    .body("status", equalTo(String.valueOf(expected)));
        }
        String body = userJson("token-" + kind, "a@example.com");
        RequestSpecification write =
                RestAssured.given().baseUri(BASE_URL).basePath("/scim/v2").contentType(SCIM_JSON);
        if (token != null) {
            write = write.header("Authorization", "Bearer " + token);
        }
        RequestSpecification finalWrite = write;
        assertNothingWritten(() -> finalWrite.body(body).post("/Users").then().statusCode(expected));
    }

    /** Tenant isolation matrix: every endpoint answers another tenant's id with 404, and writes nothing. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "GET|/Users/OTHER_USER|", "PUT|/Users/OTHER_USER|USER_BODY", "PATCH|/Users/OTHER_USER|PATCH_BODY",
                "DELETE|/Users/OTHER_USER|", "GET|/Groups/OTHER_GROUP|", "PUT|/Groups/OTHER_GROUP|GROUP_BODY",
                "PATCH|/Groups/OTHER_GROUP|PATCH_BODY", "DELETE|/Groups/OTHER_GROUP|"
            })
    void anotherTenantsIdsAre404(String request) {
        String[] parts = request.split("\\|", -1);
        String body =
                switch (parts[2]) {
                    case "USER_BODY" -> userJson("stolen", "a@example.com");
                    case "GROUP_BODY" -> "{\"displayName\":\"stolen\"}";
                    case "PATCH_BODY" -> patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"stolen\"}");
                    default -> null;
                };
        String path = parts[1].replace("OTHER_USER", otherUserId).replace("OTHER_GROUP", otherGroupId);
        long otherBefore = Database.footprint(OTHER);
        assertNothingWritten(() -> {
            RequestSpecification spec = scim(TOKEN);
            if (body != null) {
                spec = spec.body(body);
            }
            spec.request(parts[0], path).then().statusCode(404).body("schemas", hasItem(ERROR));
        });
        assertThat(Database.footprint(OTHER)).isEqualTo(otherBefore);
        // and lists, filters and group membership never reveal it
        scim(TOKEN)
                .queryParam("filter", "id eq \"" + otherUserId + "\"")
                .get("/Users")
                .then()
                .body("totalResults", equalTo(0));
        scim(TOKEN)
                .queryParam("filter", "id eq \"" + otherGroupId + "\"")
                .get("/Groups")
                .then()
                .body("totalResults", equalTo(0));
        assertNothingWritten(() -> scim(TOKEN)
                .body(patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + otherUserId + "\"}]}"))
                .patch("/Groups/" + groupId)
                .then()
                .statusCode(400));
    }

    private static ValidatableResponse send(String token, String write, String body) {
        String[] parts = write.split("\\|", -1);
        String path = parts[1].replace("USER", userId).replace("GROUP", groupId);
        return scim(token).body(body).request(parts[0], path).then();
    }

    private static void assertNothingWritten(Runnable request) {
        long before = Database.footprint(TENANT);
        request.run();
        assertThat(Database.footprint(TENANT)).isEqualTo(before);
    }
}
