package dev.mandate.it.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.mandate.it.support.Database;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The SCIM protocol (RFC 7644), section by section, against the deployed EAR. */
class ScimProtocolIT extends ScimIT {

    @Test
    @DisplayName("§4 discovery: ServiceProviderConfig, ResourceTypes and Schemas tell the truth")
    void s4_discovery() {
        String token = provisioner(newTenant());
        scim(token)
                .get("/ServiceProviderConfig")
                .then()
                .statusCode(200)
                .contentType(startsWith(SCIM_JSON))
                .body("patch.supported", equalTo(true))
                .body("bulk.supported", equalTo(true))
                .body("bulk.maxOperations", equalTo(1000))
                .body("bulk.maxPayloadSize", equalTo(1048576))
                .body("filter.supported", equalTo(true))
                .body("filter.maxResults", equalTo(500))
                .body("sort.supported", equalTo(true))
                .body("etag.supported", equalTo(true))
                .body("changePassword.supported", equalTo(false))
                .body("authenticationSchemes[0].type", equalTo("oauthbearertoken"));
        scim(token)
                .get("/ResourceTypes")
                .then()
                .statusCode(200)
                .body("totalResults", equalTo(2))
                .body("Resources.endpoint", hasItems("/Users", "/Groups"))
                .body("Resources.find { it.id == 'User' }.schemaExtensions.schema", hasItem(AGENT));
        scim(token).get("/ResourceTypes/User").then().statusCode(200).body("schema", equalTo(USER));
        scim(token)
                .get("/Schemas")
                .then()
                .statusCode(200)
                .body("Resources.id", hasItems(USER, GROUP, AGENT, ENTERPRISE));
        scim(token)
                .get("/Schemas/" + AGENT)
                .then()
                .statusCode(200)
                .body("attributes.name", hasItems("sponsor", "defaultTier", "workflow", "description"));
        scim(token).get("/Schemas/urn:nope").then().statusCode(404).body("schemas", hasItem(ERROR));
    }

    @Test
    @DisplayName("§3.3 create: 201, Location, ETag, the extension; password never stored or returned")
    void s3_3_create() {
        String tenant = newTenant();
        String token = provisioner(tenant);
        String body = userJson("Create.Bot", "alice@example.com")
                .replace("\"active\":true", "\"active\":true,\"password\":\"s3cret\"");
        Response created = scim(token).body(body).post("/Users");
        created.then()
                .statusCode(201)
                .contentType(startsWith(SCIM_JSON))
                .header("ETag", startsWith("W/\""))
                .header("Location", containsString("/scim/v2/Users/"))
                .body("userName", equalTo("Create.Bot"))
                .body("active", equalTo(true))
                .body("externalId", equalTo("ext-Create.Bot"))
                .body("emails[0].value", equalTo("Create.Bot@example.com"))
                .body("'" + AGENT + "'.sponsor", equalTo("alice@example.com"))
                .body("'" + AGENT + "'.defaultTier", equalTo("SUGGEST_ONLY"))
                .body("meta.resourceType", equalTo("User"))
                .body("meta.version", equalTo(created.header("ETag")))
                .body("password", nullValue());
        assertThat(created.asString()).doesNotContain("s3cret");
        assertThat(Database.count(
                        "select count(*) from agent where tenant_id = ? and directory_attributes like ?",
                        tenant,
                        "%s3cret%"))
                .isZero();
        // the same agent in Mandate's own API
        dev.mandate.it.support.Tokens.admin(tenant);
        as(dev.mandate.it.support.Tokens.admin(tenant))
                .get("/api/v1/agents/" + created.path("id"))
                .then()
                .statusCode(200)
                .body("name", equalTo("Create.Bot"))
                .body("sponsor", equalTo("alice@example.com"));
    }

    @Test
    @DisplayName("§3.3 create: sponsor from the extension, else the enterprise manager, else none (201)")
    void s3_3_sponsor() {
        String token = provisioner(newTenant());
        scim(token)
                .body("{\"schemas\":[\"" + USER + "\"],\"userName\":\"no-sponsor\"}")
                .post("/Users")
                .then()
                .statusCode(201)
                .body("'" + AGENT + "'.sponsor", nullValue())
                .body("'" + AGENT + "'.status", equalTo("ACTIVE"));
        scim(token)
                .body("{\"schemas\":[\"" + USER + "\",\"" + ENTERPRISE + "\"],\"userName\":\"managed\",\"" + ENTERPRISE
                        + "\":{\"manager\":{\"value\":\"boss@example.com\"}}}")
                .post("/Users")
                .then()
                .statusCode(201)
                .body("'" + AGENT + "'.sponsor", equalTo("boss@example.com"))
                .body("'" + AGENT + "'.defaultTier", equalTo("READ_ONLY"));
    }

    @Test
    @DisplayName("§3.3 uniqueness: userName case-insensitive, 409 uniqueness; group displayName too")
    void s3_3_uniqueness() {
        String tenant = newTenant();
        String token = provisioner(tenant);
        createUser(token, "dup-bot");
        long before = Database.footprint(tenant);
        scim(token)
                .body(userJson("DUP-Bot", "x@example.com").replace("ext-DUP-Bot", "other"))
                .post("/Users")
                .then()
                .statusCode(409)
                .contentType(startsWith(SCIM_JSON))
                .body("schemas", hasItem(ERROR))
                .body("scimType", equalTo("uniqueness"))
                .body("status", equalTo("409"));
        assertThat(Database.footprint(tenant)).isEqualTo(before);
        createGroup(token, "Finance Team");
        long withGroup = Database.footprint(tenant);
        scim(token)
                .body("{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"finance team\"}")
                .post("/Groups")
                .then()
                .statusCode(409)
                .body("scimType", equalTo("uniqueness"));
        assertThat(Database.footprint(tenant)).isEqualTo(withGroup);
    }

    @Test
    @DisplayName("§3.4.1 get: 404 for unknown ids; attributes and excludedAttributes")
    void s3_4_1_get() {
        String token = provisioner(newTenant());
        String id = createUser(token, "get-bot");
        scim(token)
                .get("/Users/" + id)
                .then()
                .statusCode(200)
                .header("ETag", notNullValue())
                .body("id", equalTo(id));
        scim(token)
                .queryParam("attributes", "userName," + AGENT + ":sponsor")
                .get("/Users/" + id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("userName", equalTo("get-bot"))
                .body("'" + AGENT + "'.sponsor", equalTo("alice@example.com"))
                .body("'" + AGENT + "'.defaultTier", nullValue())
                .body("emails", nullValue());
        scim(token)
                .queryParam("excludedAttributes", "emails,meta")
                .get("/Users/" + id)
                .then()
                .statusCode(200)
                .body("emails", nullValue())
                .body("meta", nullValue())
                .body("userName", equalTo("get-bot"));
        scim(token)
                .get("/Users/00000000-0000-0000-0000-000000000000")
                .then()
                .statusCode(404)
                .contentType(startsWith(SCIM_JSON))
                .body("status", equalTo("404"));
    }

    @Test
    @DisplayName("§3.4.2 list: filters, paging with a stable order, sorting, count=0, empty answer")
    void s3_4_2_list() {
        String token = provisioner(newTenant());
        for (String name : List.of("list-c", "list-a", "list-e", "list-b", "list-d", "other-x")) {
            createUser(token, name);
        }
        scim(token)
                .queryParam("filter", "userName eq \"LIST-A\"")
                .get("/Users")
                .then()
                .statusCode(200)
                .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
                .body("totalResults", equalTo(1))
                .body("Resources[0].userName", equalTo("list-a"));
        scim(token)
                .queryParam("filter", "userName sw \"list-\"")
                .queryParam("startIndex", 2)
                .queryParam("count", 2)
                .get("/Users")
                .then()
                .statusCode(200)
                .body("totalResults", equalTo(5))
                .body("startIndex", equalTo(2))
                .body("itemsPerPage", equalTo(2))
                .body("Resources.userName", equalTo(List.of("list-b", "list-c")));
        scim(token)
                .queryParam("filter", "userName co \"ist\" and not (userName eq \"list-e\")")
                .queryParam("sortBy", "userName")
                .queryParam("sortOrder", "descending")
                .get("/Users")
                .then()
                .statusCode(200)
                .body("Resources.userName", equalTo(List.of("list-d", "list-c", "list-b", "list-a")));
        scim(token)
                .queryParam("filter", "(userName ew \"-a\" or userName ew \"-x\") and active eq true")
                .get("/Users")
                .then()
                .body("Resources.userName", equalTo(List.of("list-a", "other-x")));
        scim(token)
                .queryParam("filter", "emails[type eq \"work\" and value eq \"LIST-C@example.com\"]")
                .get("/Users")
                .then()
                .body("Resources.userName", equalTo(List.of("list-c")));
        scim(token)
                .queryParam("filter", "externalId eq \"ext-list-d\"")
                .get("/Users")
                .then()
                .body("Resources.userName", equalTo(List.of("list-d")));
        scim(token)
                .queryParam("count", 0)
                .get("/Users")
                .then()
                .body("totalResults", equalTo(6))
                .body("itemsPerPage", equalTo(0));
        scim(token)
                .queryParam("filter", "userName eq \"nobody\"")
                .get("/Users")
                .then()
                .statusCode(200)
                .body("totalResults", equalTo(0))
                .body("Resources", hasSize(0));
    }

    @Test
    @DisplayName("§3.4.2.2 bad filters are 400 invalidFilter, never 500")
    void s3_4_2_2_invalidFilter() {
        String token = provisioner(newTenant());
        for (String filter : List.of(
                "userName eq",
                "name.familyName eq \"x\"",
                "userName eq \"a\" and (",
                "active gt true",
                "userName eq \"x\" or 1=1; drop table agent",
                "meta.created gt \"not a date\"")) {
            scim(token)
                    .queryParam("filter", filter)
                    .get("/Users")
                    .then()
                    .statusCode(400)
                    .contentType(startsWith(SCIM_JSON))
                    .body("scimType", equalTo("invalidFilter"));
        }
        scim(token)
                .queryParam("startIndex", "one")
                .get("/Users")
                .then()
                .statusCode(400)
                .body("scimType", equalTo("invalidValue"));
        scim(token).queryParam("sortBy", "password").get("/Users").then().statusCode(400);
    }

    @Test
    @DisplayName("§3.4.3 POST .search with a SearchRequest body")
    void s3_4_3_search() {
        String token = provisioner(newTenant());
        createUser(token, "search-a");
        createUser(token, "search-b");
        scim(token)
                .body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
                        + "\"filter\":\"userName sw \\\"search-\\\"\",\"attributes\":[\"userName\"],"
                        + "\"sortBy\":\"userName\",\"sortOrder\":\"descending\",\"startIndex\":1,\"count\":10}")
                .post("/Users/.search")
                .then()
                .statusCode(200)
                .body("totalResults", equalTo(2))
                .body("Resources.userName", equalTo(List.of("search-b", "search-a")))
                .body("Resources[0].emails", nullValue());
    }

    @Test
    @DisplayName("§3.5.1 PUT replaces; If-Match mismatch is 412; id is read-only")
    void s3_5_1_put() {
        String tenant = newTenant();
        String token = provisioner(tenant);
        String id = createUser(token, "put-bot");
        String etag = scim(token).get("/Users/" + id).header("ETag");
        String replaced = userJson("put-bot-2", "bob@example.com").replace("SUGGEST_ONLY", "READ_ONLY");
        Response put = scim(token).header("If-Match", etag).body(replaced).put("/Users/" + id);
        put.then()
                .statusCode(200)
                .body("userName", equalTo("put-bot-2"))
                .body("'" + AGENT + "'.sponsor", equalTo("bob@example.com"))
                .body("'" + AGENT + "'.defaultTier", equalTo("READ_ONLY"));
        assertThat(put.header("ETag")).isNotEqualTo(etag);
        long before = Database.footprint(tenant);
        scim(token)
                .header("If-Match", etag)
                .body(replaced)
                .put("/Users/" + id)
                .then()
                .statusCode(412)
                .body("schemas", hasItem(ERROR));
        scim(token)
                .body(replaced.replace("{\"schemas\"", "{\"id\":\"another\",\"schemas\""))
                .put("/Users/" + id)
                .then()
                .statusCode(400)
                .body("scimType", equalTo("mutability"));
        assertThat(Database.footprint(tenant)).isEqualTo(before);
    }

    @Test
    @DisplayName("§3.5.2 PATCH add/replace/remove with value-filter paths")
    void s3_5_2_patch() {
        String token = provisioner(newTenant());
        String id = createUser(token, "patch-bot");
        scim(token)
                .body(patch(
                        "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"new@example.com\"}",
                        "{\"op\":\"add\",\"path\":\"name.givenName\",\"value\":\"Patchy\"}",
                        "{\"op\":\"replace\",\"path\":\"" + AGENT + ":defaultTier\",\"value\":\"READ_ONLY\"}",
                        "{\"op\":\"remove\",\"path\":\"externalId\"}"))
                .patch("/Users/" + id)
                .then()
                .statusCode(200)
                .body("emails[0].value", equalTo("new@example.com"))
                .body("name.givenName", equalTo("Patchy"))
                .body("'" + AGENT + "'.defaultTier", equalTo("READ_ONLY"))
                .body("externalId", nullValue());
        scim(token)
                .queryParam("filter", "emails.value eq \"NEW@example.com\"")
                .get("/Users")
                .then()
                .body("Resources.id", equalTo(List.of(id)));
        scim(token)
                .body(patch("{\"op\":\"replace\",\"path\":\"userName\",\"value\":5}"))
                .patch("/Users/" + id)
                .then()
                .statusCode(400)
                .body("scimType", equalTo("invalidValue"));
        scim(token)
                .body(patch("{\"op\":\"jump\",\"path\":\"userName\",\"value\":\"x\"}"))
                .patch("/Users/" + id)
                .then()
                .statusCode(400)
                .body("scimType", equalTo("invalidSyntax"));
    }

    @Test
    @DisplayName("§3.5.2 groups: members add/remove by filter, by value, full replace; 204")
    void s3_5_2_groupMembers() {
        String token = provisioner(newTenant());
        String a = createUser(token, "member-a");
        String b = createUser(token, "member-b");
        String c = createUser(token, "member-c");
        String group = createGroup(token, "Support Agents");
        scim(token)
                .body(patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + a + "\"},{\"value\":\""
                        + b + "\"},{\"value\":\"" + c + "\"}]}"))
                .patch("/Groups/" + group)
                .then()
                .statusCode(204)
                .header("ETag", notNullValue());
        scim(token)
                .body(patch("{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + a + "\\\"]\"}"))
                .patch("/Groups/" + group)
                .then()
                .statusCode(204);
        scim(token)
                .get("/Groups/" + group)
                .then()
                .body("members.value", hasItems(b, c))
                .body("members.value", not(hasItem(a)))
                .body("members.display", hasItems("member-b", "member-c"));
        scim(token)
                .get("/Users/" + b)
                .then()
                .body("groups.value", hasItem(group))
                .body("groups.display", hasItem("Support Agents"));
        scim(token)
                .queryParam("filter", "members[value eq \"" + b + "\"]")
                .get("/Groups")
                .then()
                .body("Resources.id", equalTo(List.of(group)));
        scim(token)
                .queryParam("filter", "displayName eq \"support agents\"")
                .queryParam("excludedAttributes", "members")
                .get("/Groups")
                .then()
                .body("totalResults", equalTo(1))
                .body("Resources[0].members", nullValue());
        scim(token)
                .body(patch("{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":\"" + a + "\"}]}"))
                .patch("/Groups/" + group)
                .then()
                .statusCode(204);
        scim(token).get("/Groups/" + group).then().body("members.value", equalTo(List.of(a)));
        scim(token)
                .body(patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"not-an-agent\"}]}"))
                .patch("/Groups/" + group)
                .then()
                .statusCode(400)
                .body("scimType", equalTo("invalidValue"));
    }

    @Test
    @DisplayName("§3.5.2 approver roles cannot get agent members: 400")
    void s3_5_2_approverRole() {
        String tenant = newTenant();
        String token = provisioner(tenant);
        String agent = createUser(token, "would-approve");
        String role = dev.mandate.it.support.Fixtures.role(
                        dev.mandate.it.support.Tokens.admin(tenant), "ap-finance", true)
                .id();
        scim(token)
                .body(patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + agent + "\"}]}"))
                .patch("/Groups/" + role)
                .then()
                .statusCode(400)
                .body("scimType", equalTo("invalidValue"));
    }

    @Test
    @DisplayName("§3.6 DELETE deprovisions: 204, then 404, history kept; the agent's token is refused")
    void s3_6_delete() {
        String tenant = newTenant();
        String token = provisioner(tenant);
        String id = createUser(token, "delete-bot");
        scim(token).delete("/Users/" + id).then().statusCode(204);
        scim(token).get("/Users/" + id).then().statusCode(404);
        scim(token).delete("/Users/" + id).then().statusCode(404);
        scim(token)
                .queryParam("filter", "userName eq \"delete-bot\"")
                .get("/Users")
                .then()
                .body("totalResults", equalTo(0));
        assertThat(Database.count("select count(*) from agent where id = ? and status = 'DEPROVISIONED'", id))
                .isEqualTo(1);
        as(dev.mandate.it.support.Tokens.agent(tenant, id))
                .get("/api/v1/me")
                .then()
                .statusCode(403);
        String group = createGroup(token, "to-delete");
        scim(token).delete("/Groups/" + group).then().statusCode(204);
        scim(token).get("/Groups/" + group).then().statusCode(404);
    }

    @Test
    @DisplayName("§3.7 Bulk: bulkId references, failOnErrors, limits")
    void s3_7_bulk() {
        String tenant = newTenant();
        String token = provisioner(tenant);
        String bulk = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":["
                + "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"u1\",\"data\":"
                + userJson("bulk-1", "a@example.com") + "},"
                + "{\"method\":\"POST\",\"path\":\"/Groups\",\"bulkId\":\"g1\",\"data\":{\"schemas\":[\"" + GROUP
                + "\"],\"displayName\":\"bulk-group\",\"members\":[{\"value\":\"bulkId:u1\"}]}},"
                + "{\"method\":\"PATCH\",\"path\":\"/Users/bulkId:u1\",\"data\":"
                + patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"B1\"}") + "},"
                + "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"dup\",\"data\":"
                + userJson("bulk-1", "a@example.com") + "},"
                + "{\"method\":\"DELETE\",\"path\":\"/Users/unknown-id\"}]}";
        Response response = scim(token).body(bulk).post("/Bulk");
        response.then()
                .statusCode(200)
                .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:BulkResponse"))
                .body("Operations.status", equalTo(List.of("201", "201", "200", "409", "404")))
                .body("Operations[3].response.scimType", equalTo("uniqueness"));
        String groupLocation = response.path("Operations[1].location");
        String userLocation = response.path("Operations[0].location");
        String userId = userLocation.substring(userLocation.lastIndexOf('/') + 1);
        scim(token)
                .get("/Groups/" + groupLocation.substring(groupLocation.lastIndexOf('/') + 1))
                .then()
                .body("members.value", equalTo(List.of(userId)));
        scim(token).get("/Users/" + userId).then().body("displayName", equalTo("B1"));

        String failing =
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"failOnErrors\":1,\"Operations\":["
                        + "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"x\",\"data\":{\"userName\":\"too-mighty\",\""
                        + AGENT + "\":{\"defaultTier\":\"AUTONOMOUS\"}}},"
                        + "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"y\",\"data\":"
                        + userJson("never-made", "a@example.com") + "}]}";
        scim(token).body(failing).post("/Bulk").then().statusCode(200).body("Operations", hasSize(1));
        scim(token)
                .queryParam("filter", "userName eq \"never-made\"")
                .get("/Users")
                .then()
                .body("totalResults", equalTo(0));

        StringBuilder tooMany = new StringBuilder(
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":[");
        for (int i = 0; i < 1001; i++) {
            tooMany.append(i == 0 ? "" : ",")
                    .append("{\"method\":\"DELETE\",\"path\":\"/Users/x")
                    .append(i)
                    .append("\"}");
        }
        long before = Database.footprint(tenant);
        scim(token)
                .body(tooMany.append("]}").toString())
                .post("/Bulk")
                .then()
                .statusCode(413)
                .body("scimType", equalTo("tooMany"));
        String huge =
                "{\"Operations\":[{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"h\",\"data\":{\"userName\":\"h\",\"x\":\""
                        + "a".repeat(1_100_000) + "\"}}]}";
        scim(token).body(huge).post("/Bulk").then().statusCode(413).body("scimType", equalTo("tooMany"));
        assertThat(Database.footprint(tenant)).isEqualTo(before);
    }

    @Test
    @DisplayName("§3.12 errors: SCIM error schema and content type; application/json accepted")
    void s3_12_errorsAndMediaTypes() {
        String token = provisioner(newTenant());
        scim(token)
                .contentType("application/json")
                .accept("application/json")
                .body(userJson("json-bot", "a@example.com"))
                .post("/Users")
                .then()
                .statusCode(201);
        scim(token)
                .get("/Nothing")
                .then()
                .statusCode(404)
                .contentType(startsWith(SCIM_JSON))
                .body("schemas", hasItem(ERROR));
        scim(token).put("/Users").then().statusCode(405).contentType(startsWith(SCIM_JSON));
    }
}
