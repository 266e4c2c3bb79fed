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
import java.util.List;
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

    @Test
    void theCostRollupCountsTodaysTasksOnTheQuickStartsDatabase() {
        String clerk = "00000000-de00-4000-8000-000000000003";
        String agent = Fixtures.devToken(BASE, clerk, "mandate-agent");
        String admin = Fixtures.devToken(BASE, "rollup-admin@demo.example", "mandate-admin");
        String task = "h2-rollup-" + UUID.randomUUID();
        as(agent)
                .contentType("application/json")
                .header("Idempotency-Key", task)
                .body(Map.of(
                        "agentId",
                        clerk,
                        "taskId",
                        task,
                        "taskType",
                        "match-invoice",
                        "requestedAction",
                        Map.of(
                                "tool", "erp",
                                "action", "read_invoice",
                                "arguments", Map.of("invoiceId", "INV-" + task.substring(10, 18))),
                        "modelUsage",
                        Map.of("model", "small", "calls", 1, "cost", 0.01)))
                .post("/api/v1/envelopes")
                .then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(202)));
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();

        long id = as(admin)
                .contentType("application/json")
                .body(Map.of("parameters", Map.of("from", today, "to", today)))
                .post("/api/v1/jobs/cost-rollup/executions")
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getLong("id");
        JsonPath done = awaitEnd(admin, id);

        assertThat(done.getString("batchStatus")).isEqualTo("COMPLETED");
        assertThat(done.getString("exitStatus")).startsWith("days=1 rows=").doesNotStartWith("days=1 rows=0");
        List<Map<String, Object>> rows = as(admin)
                .get("/api/v1/reports/rollups?from=" + today + "&to=" + today + "&taskType=match-invoice")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        assertThat(rows).isNotEmpty();
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
