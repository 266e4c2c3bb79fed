package dev.mandate.it.execution;

import static dev.mandate.it.execution.ExecutionSetup.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.observability.OtlpReceiver;
import dev.mandate.it.observability.OtlpReceiver.ReceivedSpan;
import dev.mandate.it.support.Asadmin;
import dev.mandate.it.support.MandateIT;
import io.restassured.response.Response;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One trace per envelope, exported over OTLP/HTTP to a receiver of the test's own. The test domain traces
 * with a sampler that records only traces a caller asks to sample (a sampled {@code traceparent}), so the
 * other tests' requests cost a non-recording span and export nothing.
 */
class TracesIT extends MandateIT {

    private static final int OTLP_PORT = Integer.getInteger("mandate.it.otlp-port", 28318);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration EXPORTED_WITHIN = Duration.ofSeconds(30);
    private static final List<String> DECISION_STEPS = List.of(
            "mandate.decision.taxonomy",
            "mandate.decision.tier",
            "mandate.decision.kill_switch",
            "mandate.decision.rules",
            "mandate.decision.roles",
            "mandate.decision.budget",
            "mandate.audit.append");

    private static OtlpReceiver otlp;
    private static StubToolServer stub;
    private static ExecutionSetup setup;

    @BeforeAll
    static void start() throws IOException {
        otlp = OtlpReceiver.start(OTLP_PORT);
        stub = StubToolServer.start();
        setup = new ExecutionSetup(stub, List.of("ledger", "flaky", "crm"));
    }

    @AfterAll
    static void stop() {
        otlp.close();
        stub.close();
    }

    @Test
    void anEnvelopeIsOneTraceFromItsDecisionToItsExecution() {
        String trace = hex(16);
        String callerSpan = hex(8);
        String canary = "canary-argument-" + UUID.randomUUID();
        Map<String, Object> envelope =
                setup.envelope("ledger", Map.of("note", canary, "contact", "jane.doe@example.com"));
        envelope.put("modelUsage", Map.of("model", "small", "inputTokens", 1200, "outputTokens", 80, "calls", 1));

        Response answer = submit(envelope, "00-" + trace + "-" + callerSpan + "-01");

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        assertThat(answer.<String>path("decision")).isEqualTo("ALLOW");
        assertThat(answer.<String>path("traceId")).isEqualTo(trace);
        assertThat(answer.<String>path("execution.status")).isEqualTo("SUCCEEDED");
        String envelopeId = answer.path("envelopeId");

        List<ReceivedSpan> spans = otlp.await(
                trace,
                containsAll("execute_tool ledger", "mandate.audit.append", "mandate.authenticate", "mandate.envelope"),
                EXPORTED_WITHIN);

        ReceivedSpan root = named(spans, "mandate.envelope");
        // the request's span (the server's, or Mandate's own where the server makes none) continues the caller's
        ReceivedSpan request = otlp
                .await(trace, s -> s.stream().anyMatch(x -> x.spanId().equals(root.parentSpanId())), EXPORTED_WITHIN)
                .stream()
                .filter(s -> s.spanId().equals(root.parentSpanId()))
                .findFirst()
                .orElseThrow();
        assertThat(request.parentSpanId()).isEqualTo(callerSpan);
        assertThat(request.kind()).isEqualTo("SPAN_KIND_SERVER");
        assertThat(named(spans, "mandate.authenticate").parentSpanId()).isEqualTo(request.spanId());
        ReceivedSpan decision = named(spans, "mandate.decision");
        assertThat(named(spans, "mandate.validate").parentSpanId()).isEqualTo(root.spanId());
        assertThat(decision.parentSpanId()).isEqualTo(root.spanId());
        for (String step : DECISION_STEPS) {
            assertThat(named(spans, step).parentSpanId()).as(step).isEqualTo(decision.spanId());
        }

        ReceivedSpan execution = named(spans, "execute_tool ledger");
        assertThat(execution.parentSpanId()).isEqualTo(decision.spanId());
        assertThat(execution.attributes())
                .containsEntry("gen_ai.operation.name", "execute_tool")
                .containsEntry("gen_ai.tool.name", "ledger")
                .containsEntry("gen_ai.tool.call.id", envelopeId)
                .containsEntry("mandate.tenant", setup.tenant)
                .containsEntry("mandate.execution.attempt", 1L)
                .containsEntry("mandate.execution.retry", 0L)
                .containsEntry("mandate.execution.outcome", "SUCCEEDED")
                .containsEntry("mandate.execution.status", "SUCCEEDED")
                .containsKey("http.response.status_code")
                .doesNotContainKeys("gen_ai.tool.call.arguments", "gen_ai.tool.call.result");
        assertThat(execution.scopeSchemaUrl()).isEqualTo("https://opentelemetry.io/schemas/1.41.0");
        assertThat(execution.serviceName()).isEqualTo("mandate");

        assertThat(decision.attributes())
                .containsEntry("mandate.decision", "ALLOW")
                .containsEntry("mandate.tier", "AUTONOMOUS")
                .containsEntry("mandate.envelope.id", envelopeId)
                .containsEntry("mandate.tenant", setup.tenant);
        assertThat(root.attributes())
                .containsEntry("gen_ai.agent.id", setup.agent)
                .containsEntry("gen_ai.tool.name", "ledger")
                .containsEntry("gen_ai.usage.input_tokens", 1200L)
                .containsEntry("gen_ai.usage.output_tokens", 80L)
                .containsEntry("gen_ai.request.model", "small");

        // the tool received the trace, as a child of the attempt's span
        RecordedRequest call = stub.requests("ledger").get(0);
        assertThat(call.header("traceparent")).isEqualTo("00-" + trace + "-" + execution.spanId() + "-01");
        assertThat(answer.header("traceparent")).startsWith("00-" + trace + "-" + root.spanId());

        // the tenant did not opt in: no argument value on any span
        assertThat(otlp.all())
                .allSatisfy(s -> assertThat(s.attributes().values().toString())
                        .doesNotContain(canary)
                        .doesNotContain("jane.doe@example.com"));
    }

    @Test
    void everyAttemptIsASpanOfTheEnvelopesTraceWithItsRetryNumberAndOutcome() {
        setup.tool(
                "flaky", "WRITE", ExecutionSetup.connector(stub, "flaky", Map.of("retrySafe", true, "maxAttempts", 3)));
        stub.tool("flaky").failNext(1, 503);
        String trace = hex(16);

        Response answer = submit(setup.envelope("flaky", Map.of("n", 1)), "00-" + trace + "-" + hex(8) + "-01");
        assertThat(answer.<String>path("traceId")).isEqualTo(trace);
        setup.awaitExecution(answer.path("envelopeId"), "SUCCEEDED", Duration.ofSeconds(30));

        List<ReceivedSpan> spans = otlp.await(
                trace,
                s -> s.stream()
                                .filter(x -> x.name().equals("execute_tool flaky"))
                                .count()
                        == 2,
                EXPORTED_WITHIN);
        ReceivedSpan decision = named(spans, "mandate.decision");
        List<ReceivedSpan> attempts = spans.stream()
                .filter(s -> s.name().equals("execute_tool flaky"))
                .sorted((a, b) -> Long.compare((Long) a.attribute("mandate.execution.attempt"), (Long)
                        b.attribute("mandate.execution.attempt")))
                .toList();
        assertThat(attempts).allSatisfy(a -> assertThat(a.parentSpanId()).isEqualTo(decision.spanId()));
        assertThat(attempts.get(0).attributes())
                .containsEntry("mandate.execution.attempt", 1L)
                .containsEntry("mandate.execution.retry", 0L)
                .containsEntry("mandate.execution.outcome", "RETRYABLE")
                .containsEntry("mandate.execution.status", "QUEUED")
                .containsEntry("http.response.status_code", 503L);
        assertThat(attempts.get(1).attributes())
                .containsEntry("mandate.execution.attempt", 2L)
                .containsEntry("mandate.execution.retry", 1L)
                .containsEntry("mandate.execution.status", "SUCCEEDED");
        assertThat(stub.requests("flaky"))
                .extracting(r -> r.header("traceparent"))
                .containsExactly(
                        "00-" + trace + "-" + attempts.get(0).spanId() + "-01",
                        "00-" + trace + "-" + attempts.get(1).spanId() + "-01");
    }

    @Test
    void aTenantThatOptsInSeesArgumentsAndResultsRedacted() {
        ExecutionSetup optedIn = new ExecutionSetup(stub, List.of("notes"));
        String setting = "mandate.tenant." + optedIn.tenant + ".trace-content";
        Asadmin.setProperty(setting, "true");
        try {
            String trace = hex(16);
            Map<String, Object> envelope =
                    optedIn.envelope("notes", Map.of("memo", "call jane.doe@example.com", "ticket", "T-1234"));
            RequestTraced traced = new RequestTraced(optedIn, envelope, "00-" + trace + "-" + hex(8) + "-01");
            Response answer = traced.send();
            assertThat(answer.<String>path("execution.status"))
                    .as(answer.asString())
                    .isEqualTo("SUCCEEDED");

            ReceivedSpan execution =
                    named(otlp.await(trace, containsAll("execute_tool notes"), EXPORTED_WITHIN), "execute_tool notes");
            assertThat((String) execution.attribute("gen_ai.tool.call.arguments"))
                    .contains("T-1234")
                    .contains("[EMAIL]")
                    .doesNotContain("jane.doe@example.com");
            assertThat((String) execution.attribute("gen_ai.tool.call.result")).isNotBlank();
        } finally {
            Asadmin.removeProperty(setting);
        }
    }

    @Test
    void withoutATraceparentTheEnvelopesOwnTraceIdGoesToTheTool() {
        Response answer = submit(setup.envelope("crm", Map.of("n", 2)), null);

        String trace = answer.path("traceId");
        assertThat(trace).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
        assertThat(answer.header("traceparent")).startsWith("00-" + trace + "-");
        assertThat(answer.<String>path("execution.status")).isEqualTo("SUCCEEDED");
        assertThat(stub.requests("crm").get(0).header("traceparent")).matches("00-" + trace + "-[0-9a-f]{16}-0[01]");
    }

    private static Response submit(Map<String, Object> envelope, String traceparent) {
        return new RequestTraced(setup, envelope, traceparent).send();
    }

    /** An envelope sent by the setup's agent, with a traceparent when there is one. */
    private record RequestTraced(ExecutionSetup setup, Map<String, Object> envelope, String traceparent) {
        Response send() {
            var request = as(setup.agentToken)
                    .header("Idempotency-Key", "k-" + UUID.randomUUID())
                    .body(new HashMap<>(envelope));
            if (traceparent != null) {
                request.header("traceparent", traceparent);
            }
            return request.post("/api/v1/envelopes");
        }
    }

    private static Predicate<List<ReceivedSpan>> containsAll(String... names) {
        return spans -> List.of(names).stream()
                .allMatch(n -> spans.stream().anyMatch(s -> s.name().equals(n)));
    }

    private static ReceivedSpan named(List<ReceivedSpan> spans, String name) {
        List<ReceivedSpan> found =
                spans.stream().filter(s -> s.name().equals(name)).toList();
        assertThat(found).as("one span %s in %s", name, spans).hasSize(1);
        return found.get(0);
    }

    private static String hex(int bytes) {
        byte[] id = new byte[bytes];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
