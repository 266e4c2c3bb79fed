package dev.mandate.it.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Base of the SCIM integration tests: requests to {@code /scim/v2} as an identity provider sends them. */
abstract class ScimIT extends MandateIT {

    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String AGENT = "urn:mandate:params:scim:schemas:extension:agent:2.0:Agent";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    static final String SCIM_JSON = "application/scim+json";

    static String provisioner(String tenant) {
        return Tokens.of(tenant, "okta-provisioner@" + tenant, Tokens.SCIM);
    }

    static RequestSpecification scim(String token) {
        return RestAssured.given()
                .baseUri(BASE_URL)
                .basePath("/scim/v2")
                .contentType(SCIM_JSON)
                .accept(SCIM_JSON)
                .header("Authorization", "Bearer " + token);
    }

    static String userJson(String userName, String sponsor) {
        return "{\"schemas\":[\"" + USER + "\",\"" + AGENT + "\"],\"userName\":\"" + userName + "\","
                + "\"externalId\":\"ext-" + userName + "\",\"displayName\":\"" + userName + "\","
                + "\"emails\":[{\"type\":\"work\",\"value\":\"" + userName + "@example.com\",\"primary\":true}],"
                + "\"active\":true,\"" + AGENT + "\":{\"sponsor\":\"" + sponsor + "\",\"defaultTier\":\"SUGGEST_ONLY\","
                + "\"workflow\":\"support-ticket-triage\"}}";
    }

    static String createUser(String token, String userName) {
        Response response =
                scim(token).body(userJson(userName, "alice@example.com")).post("/Users");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        return response.path("id");
    }

    static String createGroup(String token, String displayName) {
        Response response = scim(token)
                .body("{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"" + displayName + "\",\"members\":[]}")
                .post("/Groups");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        return response.path("id");
    }

    static String patch(String... operations) {
        return "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[" + String.join(",", operations) + "]}";
    }
}
