package dev.mandate.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;

/** Creates what a test needs through the public API, the way a client would. */
public final class Fixtures {

    private Fixtures() {}

    public record Created(String id, String etag) {}

    public static Created agent(String adminToken, String name) {
        return created(post(adminToken, "/api/v1/agents", Map.of("name", name, "sponsor", "owner@example.com")));
    }

    public static Created role(String adminToken, String name, boolean approver) {
        return created(post(
                adminToken,
                "/api/v1/roles",
                Map.of(
                        "name", name,
                        "approver", approver,
                        "permissions", List.of(Map.of("tool", "erp", "action", "read_invoice")))));
    }

    public static Created assignment(String adminToken, String roleId, String type, String principal) {
        return created(post(
                adminToken,
                "/api/v1/roles/" + roleId + "/assignments",
                Map.of("principalType", type, "principal", principal)));
    }

    /** A policy rule with the given id and name; {@code fields} add kind, params, effect and so on. */
    public static Created policyRule(String adminToken, String ruleId, Map<String, Object> fields) {
        Map<String, Object> body = new java.util.HashMap<>(fields);
        body.put("ruleId", ruleId);
        body.putIfAbsent("name", ruleId);
        Response response = post(adminToken, "/api/v1/policies/rules", body);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        return new Created(response.path("ruleId"), response.header("ETag"));
    }

    /** A token from the quick start's dev token endpoint of the server at {@code baseUrl}. */
    public static String devToken(String baseUrl, String subject, String group) {
        return devToken(baseUrl, subject, group, null);
    }

    /** A dev token for {@code tenant} (null: the demo tenant). */
    public static String devToken(String baseUrl, String subject, String group, String tenant) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("subject", subject, "groups", List.of(group)));
        if (tenant != null) {
            body.put("tenant", tenant);
        }
        return RestAssured.given()
                .baseUri(baseUrl)
                .contentType("application/json")
                .body(body)
                .post("/api/v1/dev/tokens")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    private static Response post(String token, String path, Object body) {
        return RestAssured.given()
                .baseUri(MandateIT.BASE_URL)
                .contentType("application/json")
                .header("Authorization", "Bearer " + token)
                .body(body)
                .post(path);
    }

    private static Created created(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        return new Created(response.path("id"), response.header("ETag"));
    }
}
