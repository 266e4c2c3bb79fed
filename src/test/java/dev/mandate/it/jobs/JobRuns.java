package dev.mandate.it.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** Drives /api/v1/jobs as an administrator's client would, against one server. */
public record JobRuns(Supplier<RequestSpecification> admin) {

    static final String CENSUS = "/api/v1/jobs/agent-census/executions";

    /** Starts the census by the earlier path: 202 with the new execution's Location; returns its id. */
    long startCensus() {
        return accepted(admin.get().post(CENSUS));
    }

    /**
     * Starts {@code job} as the issue states it, {@code POST /api/v1/jobs/{job}} with these parameters: 202
     * with the Location {@code /api/v1/jobs/{job}/executions/{id}}; returns the id.
     */
    public long start(String job, Map<String, String> parameters) {
        Response response = admin.get()
                .body(parameters.isEmpty() ? Map.of() : Map.of("parameters", parameters))
                .post("/api/v1/jobs/" + job);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(202);
        long id = response.jsonPath().getLong("id");
        assertThat(response.header("Location")).endsWith("/api/v1/jobs/" + job + "/executions/" + id);
        return id;
    }

    long restart(long id) {
        return accepted(admin.get().post("/api/v1/jobs/executions/" + id + "/restart"));
    }

    JsonPath get(long id) {
        Response response = admin.get().get("/api/v1/jobs/executions/" + id);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath();
    }

    /** The execution once its batch status is {@code wanted}; fails when it ends otherwise or takes too long. */
    public JsonPath await(long id, String wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            JsonPath execution = get(id);
            String status = execution.getString("batchStatus");
            if (status.equals(wanted)) {
                return execution;
            }
            assertThat(status)
                    .as("execution %d ended %s, not %s: %s", id, status, wanted, execution.prettify())
                    .isIn("STARTING", "STARTED", "STOPPING");
            assertThat(System.nanoTime())
                    .as("execution %d still %s", id, status)
                    .isLessThan(deadline);
            sleep(200);
        }
    }

    /** The counts of one step of an execution, e.g. {@code readCount}. */
    static Map<String, Integer> metrics(JsonPath execution, String step) {
        return execution.getMap("steps.find { it.name == '" + step + "' }.metrics");
    }

    private static long accepted(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(202);
        long id = response.jsonPath().getLong("id");
        assertThat(response.header("Location")).endsWith("/api/v1/jobs/executions/" + id);
        return id;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
