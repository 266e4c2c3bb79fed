package dev.mandate.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;

/**
 * SCIM requests that write several records in one request (an attribute change and a deactivation, a
 * group created with members, a PATCH of several operations, Bulk operations of these), as Okta and Entra
 * ID send them. Shared by the PostgreSQL and the H2 integration tests: each must answer within the
 * client's timeout, with everything it wrote, on either database. A request that waits for a lock its own
 * request holds hangs (PostgreSQL) or times out into a 500 (H2).
 */
public final class ScimMultiWrites {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String AGENT = "urn:mandate:params:scim:schemas:extension:agent:2.0:Agent";
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final String BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

    /** Far above a healthy answer (milliseconds), far below "never": a hung request fails the test. */
    private static final int TIMEOUT_MILLIS = 20_000;

    private final String baseUrl;
    private final String token;

    public ScimMultiWrites(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    public RequestSpecification scim() {
        return RestAssured.given()
                .config(RestAssuredConfig.config()
                        .httpClient(HttpClientConfig.httpClientConfig()
                                .setParam("http.socket.timeout", TIMEOUT_MILLIS)
                                .setParam("http.connection.timeout", TIMEOUT_MILLIS)))
                .baseUri(baseUrl)
                .basePath("/scim/v2")
                .contentType("application/scim+json")
                .accept("application/scim+json")
                .header("Authorization", "Bearer " + token);
    }

    public static String userJson(String userName, String displayName, boolean active) {
        return "{\"schemas\":[\"" + USER + "\",\"" + AGENT + "\"],\"userName\":\"" + userName + "\","
                + "\"displayName\":\"" + displayName + "\",\"active\":" + active + ","
                + "\"emails\":[{\"type\":\"work\",\"value\":\"" + userName + "@example.com\",\"primary\":true}],"
                + "\"" + AGENT + "\":{\"sponsor\":\"alice@example.com\"}}";
    }

    public String createUser(String userName) {
        Response created = scim().body(userJson(userName, userName, true)).post("/Users");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        return created.path("id");
    }

    /** Okta's deactivation: a PUT of the whole user with a changed attribute and {@code active: false}. */
    public String putChangesAnAttributeAndDeactivates() {
        String name = "put-" + UUID.randomUUID().toString().substring(0, 8);
        String id = createUser(name);
        Response put = scim().body(userJson(name, "Renamed " + name, false)).put("/Users/" + id);
        assertThat(put.statusCode()).as(put.asString()).isEqualTo(200);
        assertThat((Boolean) put.path("active")).isFalse();
        assertThat((String) put.path("displayName")).isEqualTo("Renamed " + name);
        Response read = scim().get("/Users/" + id);
        assertThat((Boolean) read.path("active")).isFalse();
        assertThat((String) read.path("displayName")).isEqualTo("Renamed " + name);
        return id;
    }

    /** A PATCH of several operations that each write: an attribute, the deactivation, the reactivation. */
    public String patchOfSeveralOperations() {
        String name = "patch-" + UUID.randomUUID().toString().substring(0, 8);
        String id = createUser(name);
        Response patch = scim().body("{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":["
                        + "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Patched\"},"
                        + "{\"op\":\"replace\",\"path\":\"active\",\"value\":false},"
                        + "{\"op\":\"replace\",\"path\":\"externalId\",\"value\":\"ext-" + name + "\"}]}")
                .patch("/Users/" + id);
        assertThat(patch.statusCode()).as(patch.asString()).isEqualTo(200);
        assertThat((Boolean) patch.path("active")).isFalse();
        assertThat((String) patch.path("displayName")).isEqualTo("Patched");
        return id;
    }

    /** A user provisioned as inactive: created, then suspended, in one request. */
    public String createInactiveUser() {
        String name = "inactive-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = scim().body(userJson(name, name, false)).post("/Users");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat((Boolean) created.path("active")).isFalse();
        return created.path("id");
    }

    /** Entra ID's group push: the group and its members in one POST. */
    public String groupCreatedWithMembers() {
        String first = createUser("member-" + UUID.randomUUID().toString().substring(0, 8));
        String second = createUser("member-" + UUID.randomUUID().toString().substring(0, 8));
        String name = "group-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = scim().body("{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"" + name + "\","
                        + "\"members\":[{\"value\":\"" + first + "\"},{\"value\":\"" + second + "\"}]}")
                .post("/Groups");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String id = created.path("id");
        List<String> members = scim().get("/Groups/" + id).path("members.value");
        assertThat(members).containsExactlyInAnyOrder(first, second);
        return id;
    }

    /** A group PUT that renames it and changes its members. */
    public String groupPutRenamesAndChangesMembers() {
        String group = groupCreatedWithMembers();
        String other = createUser("member-" + UUID.randomUUID().toString().substring(0, 8));
        Response put = scim().body("{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"renamed-" + group + "\","
                        + "\"members\":[{\"value\":\"" + other + "\"}]}")
                .put("/Groups/" + group);
        assertThat(put.statusCode()).as(put.asString()).isEqualTo(200);
        List<String> members = scim().get("/Groups/" + group).path("members.value");
        assertThat(members).containsExactly(other);
        return group;
    }

    /** Each Bulk operation writes several records: create inactive, PUT with deactivation, group with members. */
    public void bulkOperationsThatEachWriteSeveralRecords() {
        String name = "bulk-" + UUID.randomUUID().toString().substring(0, 8);
        String existing = createUser(name + "-x");
        String bulk = "{\"schemas\":[\"" + BULK + "\"],\"Operations\":["
                + "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"u1\",\"data\":"
                + userJson(name + "-a", name, false) + "},"
                + "{\"method\":\"PUT\",\"path\":\"/Users/" + existing + "\",\"data\":"
                + userJson(name + "-x", "Renamed", false) + "},"
                + "{\"method\":\"POST\",\"path\":\"/Groups\",\"bulkId\":\"g1\",\"data\":{\"schemas\":[\"" + GROUP
                + "\"],\"displayName\":\"" + name + "\",\"members\":[{\"value\":\"bulkId:u1\"},{\"value\":\""
                + existing + "\"}]}}]}";
        Response response = scim().body(bulk).post("/Bulk");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        List<String> statuses = response.path("Operations.status");
        assertThat(statuses).as(response.asString()).containsExactly("201", "200", "201");
        assertThat((Boolean) scim().get("/Users/" + existing).path("active")).isFalse();
    }
}
