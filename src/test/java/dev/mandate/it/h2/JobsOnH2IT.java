package dev.mandate.it.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.mandate.it.support.Fixtures;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The agent census on the quick start's H2: the batch runtime keeps its job repository in Mandate's H2
 * database, in the tables Flyway's H2 variant of V14 created, and creates none of its own.
 */
class JobsOnH2IT {

    private static final String BASE = System.getProperty("mandate.it.h2.base-url", "http://127.0.0.1:29080");
    private static final Path SERVER_LOG = Path.of(System.getProperty("mandate.it.asadmin"))
            .getParent()
            .resolveSibling("glassfish/domains/mandate-it-h2/logs/server.log");

    private static RequestSpecification as(String token) {
        return RestAssured.given().baseUri(BASE).header("Authorization", "Bearer " + token);
    }

    @Test
    void theCensusRunsOnTheQuickStartsDatabase() throws IOException {
        String tenant = "census-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = Fixtures.devToken(BASE, "census-admin@example.com", "mandate-admin", tenant);
        for (String name : new String[] {"h2-census-1", "h2-census-2", "h2-census-3"}) {
            as(admin)
                    .contentType("application/json")
                    .body(Map.of("name", name, "sponsor", "owner@example.com"))
                    .post("/api/v1/agents")
                    .then()
                    .statusCode(201);
        }

        long id = as(admin)
                .contentType("application/json")
                .body("{}")
                .post("/api/v1/jobs/agent-census")
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getLong("id");
        JsonPath done = awaitEnd(admin, id);

        assertThat(done.getString("batchStatus")).isEqualTo("COMPLETED");
        assertThat(done.getString("exitStatus")).isEqualTo("ACTIVE=3 SUSPENDED=0 DEPROVISIONED=0");
        as(admin).get("/api/v1/jobs/executions/" + id + "/restart").then().statusCode(405);
        as(admin)
                .post("/api/v1/jobs/executions/" + id + "/restart")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:mandate:problem:conflict"));
        // left alone, the runtime would have created its tables in an embedded database of the domain
        assertThat(Files.readString(SERVER_LOG)).doesNotContain("table does not exists. Trying to create it.");
    }

    private static JsonPath awaitEnd(String admin, long id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            JsonPath execution = as(admin)
                    .get("/api/v1/jobs/executions/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            if (!execution.getString("batchStatus").startsWith("START")) {
                return execution;
            }
            assertThat(System.nanoTime()).as("census %d still running", id).isLessThan(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
