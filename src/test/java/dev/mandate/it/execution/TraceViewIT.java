package dev.mandate.it.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.Asadmin;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.response.Response;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trace view of an executed envelope: the decision path, the execution with every attempt, the agent's
 * callback (its origin only: the URL's path and query are the agent's) and the audit records, in order.
 */
class TraceViewIT extends MandateIT {

    private static StubToolServer stub;
    private static ExecutionSetup setup;

    @BeforeAll
    static void start() {
        stub = StubToolServer.start();
        setup = new ExecutionSetup(stub, List.of("flaky-ledger"));
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @Test
    void aTraceShowsDecisionAttemptsCallbackAndAuditInOrder() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Asadmin.setProperty("mandate.execution.callback-hosts", "127.0.0.1");
        Asadmin.setProperty(
                "mandate.credentials." + setup.tenant + ".callbacks.key",
                "whsec_" + Base64.getEncoder().encodeToString(secret));
        try {
            byte[] id = new byte[16];
            new SecureRandom().nextBytes(id);
            String trace = HexFormat.of().formatHex(id);
            Map<String, Object> envelope = setup.envelope("flaky-ledger", Map.of("entry", "E-7"));
            envelope.put("callbackUrl", stub.toolUrl("agent-inbox") + "/hooks?token=agent-private-value");
            Response answer = ExecutionSetup.as(setup.agentToken)
                    .header("Idempotency-Key", "k-" + UUID.randomUUID())
                    .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                    .body(envelope)
                    .post("/api/v1/envelopes");
            assertThat(answer.<String>path("execution.status"))
                    .as(answer.asString())
                    .isEqualTo("SUCCEEDED");
            assertThat(answer.<String>path("traceId")).isEqualTo(trace);
            Instant deadline = Instant.now().plusSeconds(15);
            while (stub.requests("agent-inbox").isEmpty() && Instant.now().isBefore(deadline)) {
                ExecutionSetup.sleep(200);
            }

            Response view = as(Tokens.of(setup.tenant, "auditor@example.com", Tokens.AUDITOR))
                    .get("/api/v1/traces/" + trace);
            assertThat(view.statusCode()).as(view.asString()).isEqualTo(200);
            assertThat(view.<String>path("envelopes[0].decision")).isEqualTo("ALLOW");
            assertThat(view.<String>path("envelopes[0].execution.status")).isEqualTo("SUCCEEDED");
            assertThat(view.<List<String>>path("envelopes[0].execution.attemptLog.kind"))
                    .containsExactly("CALL");
            assertThat(view.<String>path("callbacks[0].target")).startsWith("http://127.0.0.1:");
            assertThat(view.<String>path("callbacks[0].envelopeId")).isEqualTo(answer.<String>path("envelopeId"));
            assertThat(view.asString()).doesNotContain("agent-private-value");
            assertThat(view.<List<String>>path("audit.action"))
                    .containsSubsequence("envelope.decided", "execution.succeeded", "audit.trace-read");
            assertThat(view.<Boolean>path("auditTruncated")).isFalse();
        } finally {
            Asadmin.removeProperty("mandate.execution.callback-hosts");
            Asadmin.removeProperty("mandate.credentials." + setup.tenant + ".callbacks.key");
        }
    }
}
