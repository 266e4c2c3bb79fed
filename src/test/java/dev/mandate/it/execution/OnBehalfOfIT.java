package dev.mandate.it.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whom an agent acts for: proven by the person's own token (never stored), or refused with 422 when the
 * token proves nothing: another tenant's, unsigned, expired, signed by an unknown key, or naming someone
 * else than the envelope does; a client cannot claim the proof itself.
 */
class OnBehalfOfIT extends MandateIT {

    private static StubToolServer stub;
    private static ExecutionSetup setup;

    @BeforeAll
    static void start() {
        stub = StubToolServer.start();
        setup = new ExecutionSetup(stub, List.of("desk"));
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    private static Response submit(Map<String, Object> extra) {
        Map<String, Object> envelope = setup.envelope("desk", Map.of());
        envelope.putAll(extra);
        return setup.submit(envelope, "k-" + UUID.randomUUID());
    }

    @Test
    void aPersonsOwnTokenProvesWhomTheAgentActsForAndIsNeverStored() {
        String token = Tokens.of(setup.tenant, "alice@example.com");

        Response answer = submit(Map.of("onBehalfOfToken", token));

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        Response explain =
                ExecutionSetup.as(setup.admin).get("/api/v1/envelopes/" + answer.path("envelopeId") + "/explain");
        assertThat(explain.<String>path("explanation.onBehalfOf.subject")).isEqualTo("alice@example.com");
        assertThat(explain.<Boolean>path("explanation.onBehalfOf.proven")).isTrue();
        assertThat(explain.<String>path("execution.onBehalfOf")).isEqualTo("alice@example.com");
        Response stored = ExecutionSetup.as(setup.admin).get("/api/v1/envelopes/" + answer.path("envelopeId"));
        assertThat(stored.asString()).doesNotContain(token).contains("\"onBehalfOfProven\":true");
    }

    @Test
    void anAssertionIsRecordedAsNotProven() {
        Response answer = submit(Map.of("onBehalfOf", "bob@example.com"));

        Response explain =
                ExecutionSetup.as(setup.admin).get("/api/v1/envelopes/" + answer.path("envelopeId") + "/explain");
        assertThat(explain.<Boolean>path("explanation.onBehalfOf.proven")).isFalse();
    }

    @Test
    void aTokenThatProvesNothingIsRefusedAndNothingActs() {
        int before = stub.requests("desk").size();
        List<String> tokens = List.of(
                Tokens.of("another-tenant", "alice@example.com"),
                Tokens.unsigned(setup.tenant),
                Tokens.signedByUnknownKey(setup.tenant),
                Tokens.with(
                        setup.tenant,
                        "alice@example.com",
                        c -> c.expirationTime(Date.from(Instant.now().minusSeconds(3600)))),
                Tokens.with(setup.tenant, "alice@example.com", c -> c.claim("tenant", null)),
                Tokens.with(setup.tenant, "alice@example.com", c -> c.subject(null)),
                "not.a.token",
                "x".repeat(8192));
        for (String token : tokens) {
            Response answer = submit(Map.of("onBehalfOfToken", token));
            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(422);
        }
        assertThat(submit(Map.of("onBehalfOfToken", "x".repeat(8193))).statusCode())
                .isEqualTo(400);
        Response mismatch = submit(Map.of(
                "onBehalfOf", "bob@example.com", "onBehalfOfToken", Tokens.of(setup.tenant, "alice@example.com")));
        assertThat(mismatch.statusCode()).isEqualTo(422);
        assertThat(submit(Map.of("onBehalfOfProven", true)).statusCode()).isEqualTo(400);
        assertThat(submit(Map.of("onBehalfOf", "bob\u0000")).statusCode()).isEqualTo(400);
        assertThat(stub.requests("desk")).hasSize(before);
    }
}
