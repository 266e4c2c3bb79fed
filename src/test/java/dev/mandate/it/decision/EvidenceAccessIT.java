package dev.mandate.it.decision;

import static dev.mandate.it.decision.DecisionSetup.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.response.Response;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may see what: explain, envelopes with their execution details, traces and the audit only for the
 * tenant's administrators and auditors; an agent sees its own envelopes only; approvers, other agents and
 * other tenants see none of it. Every read of an explain view, a trace or an export is itself audited.
 */
class EvidenceAccessIT extends MandateIT {

    private static DecisionSetup setup;
    private static final String TRACE = randomHex(16);
    private static String allowed;
    private static String approval;

    @BeforeAll
    static void twoEnvelopesOnOneTrace() {
        setup = new DecisionSetup();
        String traceparent = "00-" + TRACE + "-" + randomHex(8) + "-01";
        Response first = as(setup.tokenOf("AUTONOMOUS"))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("traceparent", traceparent)
                .body(envelope(setup.agent("AUTONOMOUS"), "pay-invoice", "erp", "match_po", Map.of()))
                .post("/api/v1/envelopes");
        assertThat(first.<String>path("decision")).as(first.asString()).isEqualTo("ALLOW");
        allowed = first.path("envelopeId");
        Response second = as(setup.tokenOf("EXECUTE_WITH_APPROVAL"))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("traceparent", traceparent)
                .body(envelope(
                        setup.agent("EXECUTE_WITH_APPROVAL"), "pay-invoice", "erp", "pay", DecisionSetup.pay(20)))
                .post("/api/v1/envelopes");
        assertThat(second.<String>path("decision")).as(second.asString()).isEqualTo("REQUIRE_APPROVAL");
        approval = second.path("envelopeId");
    }

    static Stream<Arguments> matrix() {
        String tenant = setup.tenant;
        String other = newTenant();
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("admin", Tokens.admin(tenant));
        callers.put("auditor", Tokens.of(tenant, "auditor@example.com", Tokens.AUDITOR));
        callers.put("approver", Tokens.of(tenant, "carol@example.com", Tokens.APPROVER));
        callers.put("the agent itself", setup.tokenOf("AUTONOMOUS"));
        callers.put("another agent", setup.tokenOf("SUGGEST_ONLY"));
        callers.put("another tenant's admin", Tokens.admin(other));
        callers.put("another tenant's auditor", Tokens.of(other, "auditor@example.com", Tokens.AUDITOR));
        // expected status per path, in the order of the callers above
        Map<String, List<Integer>> paths = new LinkedHashMap<>();
        paths.put("/api/v1/envelopes/{allowed}", List.of(200, 200, 403, 200, 404, 404, 404));
        paths.put("/api/v1/envelopes/{allowed}/explain", List.of(200, 200, 403, 200, 404, 404, 404));
        paths.put("/api/v1/traces/{trace}", List.of(200, 200, 403, 403, 403, 404, 404));
        paths.put("/api/v1/audit/records", List.of(200, 200, 403, 403, 403, 200, 200));
        paths.put("/api/v1/audit/export", List.of(200, 200, 403, 403, 403, 200, 200));
        paths.put("/api/v1/jobs", List.of(200, 200, 403, 403, 403, 200, 200));
        List<String> names = List.copyOf(callers.keySet());
        return paths.entrySet().stream().flatMap(path -> names.stream()
                .map(name -> Arguments.of(
                        path.getKey(), name, callers.get(name), path.getValue().get(names.indexOf(name)))));
    }

    @ParameterizedTest(name = "{0} as {1}: {3}")
    @MethodSource("matrix")
    void evidenceIsForAdministratorsAuditorsAndTheAgentItself(String template, String who, String token, int expected) {
        Response response = as(token).get(template.replace("{allowed}", allowed).replace("{trace}", TRACE));
        assertThat(response.statusCode()).as(who + ": " + response.asString()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        // what another tenant's audit shows is its own
        if (expected == 200 && who.startsWith("another tenant") && template.startsWith("/api/v1/audit/records")) {
            assertThat(response.asString()).doesNotContain(allowed);
        }
    }

    @Test
    void theTraceViewAssemblesEveryRecordedStepAndItsReadIsAudited() {
        String auditor = Tokens.of(setup.tenant, "auditor@example.com", Tokens.AUDITOR);
        Response trace = as(auditor).get("/api/v1/traces/" + TRACE);
        assertThat(trace.statusCode()).as(trace.asString()).isEqualTo(200);
        assertThat(trace.<String>path("traceId")).isEqualTo(TRACE);
        assertThat(trace.<List<String>>path("envelopes.envelopeId")).containsExactly(allowed, approval);
        assertThat(trace.<List<String>>path("envelopes[0].explanation.steps.check"))
                .isNotEmpty();
        assertThat(trace.<String>path("envelopes[1].approval.status")).isEqualTo("PENDING");
        assertThat(trace.<List<String>>path("audit.action"))
                .containsSubsequence("envelope.decided", "envelope.decided")
                .contains("audit.trace-read");
        Response read = as(setup.admin).get("/api/v1/audit/records?action=audit.trace-read&traceId=" + TRACE);
        assertThat(read.<String>path("items[0].actor")).isEqualTo("auditor@example.com");
        assertThat(read.<String>path("items[0].timestamp")).isNotBlank();

        assertThat(as(auditor).get("/api/v1/traces/" + randomHex(16)).statusCode())
                .isEqualTo(404);
        Response malformed = as(auditor).get("/api/v1/traces/not-a-trace");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
    }

    @Test
    void everyExplainAndExportIsAuditedWithWhoAndWhat() {
        String auditor = Tokens.of(setup.tenant, "erin@example.com", Tokens.AUDITOR);
        as(auditor).get("/api/v1/envelopes/" + approval + "/explain").then().statusCode(200);
        Response explained = as(setup.admin).get("/api/v1/audit/records?action=envelope.explained&limit=200");
        assertThat(explained.<List<String>>path("items.findAll { it.actor == 'erin@example.com' }.details.envelopeId"))
                .containsExactly(approval);
        assertThat(explained.<List<String>>path("items.findAll { it.actor == 'erin@example.com' }.traceId"))
                .containsExactly(TRACE);

        as(setup.tokenOf("AUTONOMOUS"))
                .get("/api/v1/envelopes/" + allowed + "/explain")
                .then()
                .statusCode(200);
        assertThat(as(setup.admin)
                        .get("/api/v1/audit/records?action=envelope.explained&limit=200")
                        .<List<String>>path("items.actor"))
                .contains(setup.agent("AUTONOMOUS"));

        long before = as(setup.admin)
                .get("/api/v1/audit/records?action=audit.exported")
                .<Integer>path("total");
        String export = as(auditor).get("/api/v1/audit/export").asString();
        Response exported = as(setup.admin).get("/api/v1/audit/records?action=audit.exported");
        assertThat(exported.<Integer>path("total")).isEqualTo((int) before + 1);
        assertThat(exported.<String>path("items[0].actor")).isEqualTo("erin@example.com");
        // the export holds its own record: it was written before the snapshot was read
        assertThat(export).contains(exported.<String>path("items[0].id"));
        // a refused read leaves nothing
        long records = as(setup.admin).get("/api/v1/audit/records").<Integer>path("total");
        as(Tokens.of(setup.tenant, "carol@example.com", Tokens.APPROVER))
                .get("/api/v1/envelopes/" + allowed + "/explain")
                .then()
                .statusCode(403);
        assertThat(as(setup.admin).get("/api/v1/audit/records").<Integer>path("total"))
                .isEqualTo((int) records);
    }

    private static String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
