package dev.mandate.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;

import dev.mandate.it.support.MandateIT;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a newcomer does in the first minutes: readiness, a token in one call, the demo tenant. */
class QuickStartIT extends MandateIT {

    @Test
    void readyOnceTheSchemaIsMigrated() {
        anonymous()
                .get("/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks[0].data.schemaMigrated", equalTo("true"));
        anonymous().get("/health/live").then().statusCode(200);
    }

    @Test
    void devTokenIssuerMintsAWorkingTokenForTheDemoTenant() {
        JsonPath token = anonymous()
                .body(Map.of("subject", "newcomer@demo.example", "groups", List.of("mandate-admin")))
                .post("/api/v1/dev/tokens")
                .then()
                .statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", greaterThan(0))
                .extract()
                .jsonPath();

        JsonPath agents = as(token.getString("access_token"))
                .get("/api/v1/agents")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(agents.getList("items.name", String.class))
                .contains("triage-bot", "kb-answerer", "invoice-clerk", "payment-scheduler");
        assertThat(agents.getList("items.workflow", String.class))
                .contains("support-ticket-triage", "accounts-payable-invoices");
        assertThat(agents.getList("items.sponsor", String.class)).allMatch(s -> s.endsWith("@demo.example"));
    }

    @Test
    void demoTenantHasAgentRolesAndApproverRoles() {
        String token = anonymous()
                .body(Map.of("subject", "auditor@demo.example", "groups", List.of("mandate-auditor")))
                .post("/api/v1/dev/tokens")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        as(token)
                .get("/api/v1/roles")
                .then()
                .statusCode(200)
                .body("items.name", hasItems("ticket-triager", "ap-clerk", "finance-approver", "support-lead-approver"))
                .body("items.find { it.name == 'finance-approver' }.approver", equalTo(true));
    }

    @Test
    void devTokenRequestIsValidated() {
        anonymous()
                .body(Map.of("groups", List.of("mandate-admin"), "tenant", "Not A Tenant"))
                .post("/api/v1/dev/tokens")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("subject", "tenant"));
    }

    @Test
    void openApiDescribesEveryEndpoint() {
        String document = anonymous()
                .accept("application/json")
                .get("/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(document)
                .contains(
                        "/api/v1/agents",
                        "/api/v1/agents/{id}",
                        "/api/v1/agents/{id}/status",
                        "/api/v1/agents/{id}/status-history",
                        "/api/v1/agents/{id}/roles",
                        "/api/v1/roles",
                        "/api/v1/roles/{id}",
                        "/api/v1/roles/{id}/assignments",
                        "/api/v1/roles/{id}/assignments/{assignmentId}",
                        "/api/v1/me",
                        "/api/v1/dev/tokens");
    }
}
