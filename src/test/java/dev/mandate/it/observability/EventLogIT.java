package dev.mandate.it.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mandate.it.execution.StubToolServer;
import dev.mandate.it.support.Asadmin;
import dev.mandate.it.support.MandateIT;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code mandate.log.format=json}: the domain's event log (logs/mandate-events.0.json) holds one valid JSON
 * object per line for every decision, execution attempt, approval and job run, with the trace id, tenant,
 * agent, tool, outcome and latency, and without arguments, free text or people's addresses.
 */
class EventLogIT extends MandateIT {

    private static final Path EVENTS = Path.of(System.getProperty("mandate.it.asadmin"))
            .getParent()
            .resolveSibling("glassfish/domains/mandate-it/logs/mandate-events.0.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static StubToolServer stub;

    @BeforeAll
    static void start() {
        stub = StubToolServer.start();
        Asadmin.setProperty("mandate.log.format", "json");
    }

    @AfterAll
    static void stop() {
        Asadmin.removeProperty("mandate.log.format");
        stub.close();
    }

    @Test
    void everyDecisionAttemptApprovalAndJobRunIsOneJsonLineWithoutArgumentsOrFreeText() throws IOException {
        Map<String, String> tools = new LinkedHashMap<>();
        tools.put("alpha", "WRITE");
        tools.put("beta", "WRITE");
        tools.put("gamma", "MONEY_MOVEMENT");
        ObservedTenant t = new ObservedTenant(stub, tools, List.of("alpha", "gamma"));
        t.killSwitch("beta");
        String argument = "ARG-" + UUID.randomUUID();
        String reasoning = "FREE-TEXT-" + UUID.randomUUID();
        String trace = UUID.randomUUID().toString().replace("-", "");
        String traceparent = "00-" + trace + "-00f067aa0ba902b7-01";
        Scrape before = Scrape.now();

        stub.tool("alpha").failNext(1, 503);
        Response allowed = t.submit("alpha", Map.of("note", argument), reasoning, traceparent);
        Response denied = t.submit("beta", Map.of("note", argument), reasoning, null);
        Response requested = t.submit("gamma", Map.of("note", argument), reasoning, null);
        t.awaitExecution(allowed.path("envelopeId"), "SUCCEEDED");
        t.approve(requested);
        t.awaitExecution(requested.path("envelopeId"), "SUCCEEDED");
        Response job = ObservedTenant.as(t.admin).post("/api/v1/jobs/agent-census/executions");
        assertThat(job.statusCode()).as(job.asString()).isEqualTo(202);
        awaitJob(t, job.path("id").toString());

        List<JsonNode> mine = awaitEvents(t.tenant, events -> events.stream()
                .anyMatch(e -> e.path("event").asText().equals("job.run")));
        JsonNode decision = only(
                mine,
                e -> e.path("event").asText().equals("decision")
                        && e.path("envelope_id").asText().equals(allowed.path("envelopeId")));
        assertThat(decision.path("trace_id").asText()).isEqualTo(trace);
        assertThat(decision.path("level").asText()).isEqualTo("INFO");
        assertThat(decision.path("service").asText()).isEqualTo("mandate");
        assertThat(Instant.parse(decision.path("timestamp").asText())).isBefore(Instant.now());
        assertThat(decision.path("agent").asText()).isEqualTo(t.agent);
        assertThat(decision.path("tool").asText()).isEqualTo("alpha");
        assertThat(decision.path("task_type").asText()).isEqualTo("ops-task");
        assertThat(decision.path("outcome").asText()).isEqualTo("ALLOW");
        assertThat(decision.path("latency_ms").isNumber()).isTrue();
        assertThat(decision.path("cost").decimalValue()).isEqualByComparingTo("0.25");
        JsonNode deny = only(
                mine,
                e -> e.path("event").asText().equals("decision")
                        && e.path("envelope_id").asText().equals(denied.path("envelopeId")));
        assertThat(deny.path("outcome").asText()).isEqualTo("DENY");
        assertThat(deny.path("level").asText()).isEqualTo("WARN");
        assertThat(deny.path("trace_id").asText()).matches("[0-9a-f]{32}");

        List<JsonNode> attempts = mine.stream()
                .filter(e -> e.path("event").asText().equals("execution.attempt"))
                .filter(e -> e.path("envelope_id").asText().equals(allowed.path("envelopeId")))
                .toList();
        assertThat(attempts).extracting(e -> e.path("result").asText()).containsExactly("RETRYABLE", "SUCCEEDED");
        assertThat(attempts).extracting(e -> e.path("outcome").asText()).containsExactly("QUEUED", "SUCCEEDED");
        assertThat(attempts.get(0).path("http_status").isNumber()).isTrue();
        assertThat(attempts.get(0).path("http_status").asInt()).isEqualTo(503);
        assertThat(attempts).allSatisfy(e -> {
            assertThat(e.path("trace_id").asText()).isEqualTo(trace);
            assertThat(e.path("tool").asText()).isEqualTo("alpha");
            assertThat(e.path("latency_ms").isNumber()).isTrue();
        });

        JsonNode approval = only(mine, e -> e.path("event").asText().equals("approval"));
        assertThat(approval.path("outcome").asText()).isEqualTo("APPROVED");
        assertThat(approval.path("tool").asText()).isEqualTo("gamma");
        assertThat(approval.path("decided_by").asText()).matches("sha256:[0-9a-f]{16}");

        JsonNode run = only(mine, e -> e.path("event").asText().equals("job.run"));
        assertThat(run.path("job").asText()).isEqualTo("agent-census");
        assertThat(run.path("outcome").asText()).isEqualTo("COMPLETED");

        String all = Files.readString(EVENTS, StandardCharsets.UTF_8);
        assertThat(all)
                .doesNotContain(argument, reasoning, ObservedTenant.APPROVER, "looks right", "owner@example.com");

        Scrape after = Scrape.now();
        assertThat(after.value("mandate_job_runs_total", "job", "agent-census", "outcome", "COMPLETED")
                        - before.value("mandate_job_runs_total", "job", "agent-census", "outcome", "COMPLETED"))
                .isEqualTo(1);
    }

    /** Every line of the file is one JSON object; the tenant's events, once {@code complete} holds. */
    private static List<JsonNode> awaitEvents(String tenant, Predicate<List<JsonNode>> complete) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            List<JsonNode> mine = new ArrayList<>();
            if (Files.exists(EVENTS)) {
                for (String line : Files.readAllLines(EVENTS, StandardCharsets.UTF_8)) {
                    JsonNode event = JSON.readTree(line);
                    assertThat(event.isObject()).as(line).isTrue();
                    assertThat(event.fieldNames())
                            .toIterable()
                            .contains("timestamp", "level", "service", "event", "message");
                    if (event.path("tenant").asText().equals(tenant)) {
                        mine.add(event);
                    }
                }
            }
            if (complete.test(mine)) {
                return mine;
            }
            assertThat(Instant.now()).as("events of %s: %s", tenant, mine).isBefore(deadline);
            ObservedTenant.sleep(300);
        }
    }

    private static JsonNode only(List<JsonNode> events, Predicate<JsonNode> which) {
        List<JsonNode> found = events.stream().filter(which).toList();
        assertThat(found).as("%s", events).hasSize(1);
        return found.get(0);
    }

    private static void awaitJob(ObservedTenant t, String id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String status;
        do {
            status = ObservedTenant.as(t.admin)
                    .get("/api/v1/jobs/executions/" + id)
                    .path("batchStatus");
            if ("COMPLETED".equals(status)) {
                return;
            }
            ObservedTenant.sleep(300);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("job execution " + id + " not COMPLETED: " + status);
    }
}
