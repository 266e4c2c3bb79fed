package dev.mandate.it.decision;

import static dev.mandate.it.decision.DecisionSetup.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The replay runbook: envelopes decided yesterday under today's policy, in dry run. A rule added after the
 * envelopes were allowed shows up as ALLOW->DENY for the envelopes it catches, for one envelope, a task and a
 * time window; nothing is written but the replay's audit record.
 */
class ReplayIT extends MandateIT {

    private static DecisionSetup setup;
    private static final String TASK = "task-replay-" + System.nanoTime();
    private static String agent;
    private static Instant start;
    private static final List<String> TASK_ENVELOPES = new ArrayList<>();
    private static String otherTaskEnvelope;

    @BeforeAll
    static void trafficThenANewRule() {
        setup = new DecisionSetup();
        agent = setup.agent("AUTONOMOUS");
        start = Instant.now().minus(1, ChronoUnit.SECONDS);
        for (int amount : List.of(100, 700, 900)) {
            Map<String, Object> body = envelope(agent, "pay-invoice", "erp", "match_po", Map.of("amount", amount));
            body.put("taskId", TASK);
            Response decided = setup.submit("AUTONOMOUS", body);
            assertThat(decided.<String>path("decision")).as(decided.asString()).isEqualTo("ALLOW");
            TASK_ENVELOPES.add(decided.path("envelopeId"));
        }
        Response other =
                setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of("amount", 800)));
        assertThat(other.<String>path("decision")).isEqualTo("ALLOW");
        otherTaskEnvelope = other.path("envelopeId");
        Fixtures.policyRule(
                setup.admin,
                "po-cap",
                Map.of(
                        "kind", "EXPRESSION",
                        "expression", "task.action == 'match_po' && has(args.amount) && args.amount > 500",
                        "effect", "DENY",
                        "reason", "purchase-order matches above 500 need a person"));
    }

    private static Response replay(String token, Map<String, Object> body) {
        return as(token).body(body).post("/api/v1/replays");
    }

    @Test
    void oneEnvelopeShowsWhatTodaysPolicyWouldChange() {
        long envelopes = Database.rows("envelope", setup.tenant);
        long replays = Database.count(
                "select count(*) from audit_record where tenant_id = ? and action = 'envelope.replayed'", setup.tenant);

        Response replayed = replay(setup.admin, Map.of("envelopeId", TASK_ENVELOPES.get(1)));

        assertThat(replayed.statusCode()).as(replayed.asString()).isEqualTo(200);
        assertThat(replayed.<Integer>path("total")).isEqualTo(1);
        assertThat(replayed.<String>path("envelopes[0].then.decision")).isEqualTo("ALLOW");
        assertThat(replayed.<String>path("envelopes[0].now.decision")).isEqualTo("DENY");
        assertThat(replayed.<List<String>>path("envelopes[0].changes")).contains("decision", "rules", "budget");
        assertThat(replayed.<String>path("envelopes[0].now.rules[0].ruleId")).isEqualTo("po-cap");
        assertThat(replayed.<Integer>path("envelopes[0].now.rules[0].ruleVersion"))
                .isEqualTo(1);
        assertThat(replayed.<String>path("envelopes[0].now.rules[0].effect")).isEqualTo("DENY");
        assertThat(replayed.<String>path("envelopes[0].now.reasons[0]")).startsWith("POLICY_DENY: po-cap");
        assertThat(replayed.<String>path("envelopes[0].now.tier")).isEqualTo("AUTONOMOUS");
        assertThat(replayed.<Boolean>path("envelopes[0].then.budget.reserves")).isTrue();
        assertThat(replayed.<Boolean>path("envelopes[0].now.budget.reserves")).isFalse();
        assertThat(replayed.<String>path("policyVersion")).isEqualTo("1");
        assertThat(replayed.<Integer>path("summary.denied")).isEqualTo(1);
        assertThat(replayed.<Integer>path("summary.changed")).isEqualTo(1);

        // nothing decided, reserved or counted: only the replay's own audit record
        assertThat(Database.rows("envelope", setup.tenant)).isEqualTo(envelopes);
        assertThat(Database.count(
                        "select count(*) from audit_record where tenant_id = ? and action = 'envelope.replayed'",
                        setup.tenant))
                .isEqualTo(replays + 1);
        Response record = as(setup.admin).get("/api/v1/audit/records?action=envelope.replayed&limit=1");
        assertThat(record.<String>path("items[0].actor")).isEqualTo("admin@" + setup.tenant);
        assertThat(record.asString()).contains(replayed.<String>path("replayId"));
    }

    @Test
    void aTasksEnvelopesAreReplayedTogetherWithASummary() {
        Response replayed = replay(Tokens.of(setup.tenant, "auditor", Tokens.AUDITOR), Map.of("taskId", TASK));

        assertThat(replayed.statusCode()).as(replayed.asString()).isEqualTo(200);
        assertThat(replayed.<Integer>path("total")).isEqualTo(3);
        assertThat(replayed.<List<String>>path("envelopes.envelopeId")).containsExactlyElementsOf(TASK_ENVELOPES);
        assertThat(replayed.<List<String>>path("envelopes.now.decision")).containsExactly("ALLOW", "DENY", "DENY");
        assertThat(replayed.<Boolean>path("envelopes[0].changed")).isFalse();
        assertThat(replayed.<Integer>path("summary.envelopes")).isEqualTo(3);
        assertThat(replayed.<Integer>path("summary.allowed")).isEqualTo(1);
        assertThat(replayed.<Integer>path("summary.denied")).isEqualTo(2);
        assertThat(replayed.<Integer>path("summary.requireApproval")).isEqualTo(0);
        assertThat(replayed.<Integer>path("summary.transitions.'ALLOW->DENY'")).isEqualTo(2);
        assertThat(replayed.<String>path("nextCursor")).isNull();
    }

    @Test
    void aWindowIsPagedWithinTheLimitAndBeyondItIs422() {
        Map<String, Object> window = new HashMap<>(Map.of(
                "from", start.toString(), "to", Instant.now().plusSeconds(1).toString(), "agentId", agent, "limit", 3));
        Response first = replay(setup.admin, window);
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(200);
        assertThat(first.<Integer>path("total")).isEqualTo(4);
        assertThat(first.<List<String>>path("envelopes.envelopeId")).hasSize(3);
        String cursor = first.path("nextCursor");
        assertThat(cursor).isNotNull();

        window.put("cursor", cursor);
        Response second = replay(setup.admin, window);
        assertThat(second.statusCode()).as(second.asString()).isEqualTo(200);
        assertThat(second.<List<String>>path("envelopes.envelopeId")).containsExactly(otherTaskEnvelope);
        assertThat(second.<String>path("nextCursor")).isNull();
        List<String> all = new ArrayList<>(first.path("envelopes.envelopeId"));
        all.addAll(second.path("envelopes.envelopeId"));
        assertThat(all)
                .containsExactlyInAnyOrder(
                        TASK_ENVELOPES.get(0), TASK_ENVELOPES.get(1), TASK_ENVELOPES.get(2), otherTaskEnvelope);

        window.remove("cursor");
        window.put("limit", 201);
        Response tooMany = replay(setup.admin, window);
        assertThat(tooMany.statusCode()).as(tooMany.asString()).isEqualTo(422);
        assertThat(tooMany.contentType()).startsWith("application/problem+json");
        assertThat(tooMany.<String>path("detail")).contains("at most 200");
        assertThat(tooMany.<String>path("violations[0].field")).isEqualTo("limit");
    }

    @Test
    void badSelectionsAreA400AndWriteNothing() {
        long records = Database.rows("audit_record", setup.tenant);
        String id = TASK_ENVELOPES.get(0);
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of(),
                Map.of("envelopeId", id, "taskId", TASK),
                Map.of("from", "2026-12-03T08:00:00Z"),
                Map.of("from", "2026-12-03T09:00:00Z", "to", "2026-12-03T08:00:00Z"),
                Map.of("from", "yesterday", "to", "2026-12-03T08:00:00Z"),
                Map.of("taskId", TASK, "cursor", "not-a-cursor"),
                Map.of("taskId", TASK, "limit", 0),
                Map.of("envelopeId", id, "surprise", true))) {
            Response refused = replay(setup.admin, bad);
            assertThat(refused.statusCode()).as(bad + ": " + refused.asString()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(Database.rows("audit_record", setup.tenant)).isEqualTo(records);
    }

    @Test
    void onlyAdministratorsAndAuditorsOfTheTenantReplay() {
        Map<String, Object> one = Map.of("envelopeId", TASK_ENVELOPES.get(0));
        assertThat(replay(Tokens.of(setup.tenant, "carol", Tokens.APPROVER), one)
                        .statusCode())
                .isEqualTo(403);
        assertThat(replay(setup.tokenOf("AUTONOMOUS"), one).statusCode()).isEqualTo(403);
        Response elsewhere = replay(Tokens.admin(newTenant()), one);
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(elsewhere.contentType()).startsWith("application/problem+json");
        // another tenant's task id selects nothing of this tenant
        assertThat(replay(Tokens.admin(newTenant()), Map.of("taskId", TASK)).<Integer>path("total"))
                .isEqualTo(0);
    }
}
