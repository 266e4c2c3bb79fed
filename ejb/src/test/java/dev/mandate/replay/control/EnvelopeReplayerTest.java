package dev.mandate.replay.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.decision.entity.Decision;
import dev.mandate.decision.entity.EnvelopeRecord;
import dev.mandate.decision.entity.EnvelopeSubmission;
import dev.mandate.replay.entity.ReplayedEnvelope.Budget;
import dev.mandate.replay.entity.ReplayedEnvelope.Outcome;
import dev.mandate.replay.entity.ReplayedEnvelope.Rule;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopeReplayerTest {

    private static EnvelopeRecord stored(String requestJson) {
        return new EnvelopeRecord(
                "e-1",
                "t",
                "a-1",
                "task-1",
                "pay-invoice",
                "erp",
                "pay",
                "4bf92f3577b34da6a3ce929d0e0e4736",
                Decision.ALLOW,
                "[\"TIER_AUTONOMOUS\"]",
                "[]",
                "3",
                "AUTONOMOUS",
                "MONEY_MOVEMENT",
                new BigDecimal("1.5"),
                requestJson,
                "{}",
                OffsetDateTime.parse("2026-12-03T08:00:00Z"));
    }

    @Test
    void theStoredEnvelopeIsSubmittedAgainAsTheApiWouldWithAKeyOfItsOwn() {
        EnvelopeSubmission again =
                EnvelopeReplayer.submission(stored("{\"agentId\":\"a-1\",\"modelUsage\":{\"calls\":3,\"cost\":1.5},"
                        + "\"requestedAction\":{\"action\":\"pay\",\"arguments\":{\"amount\":700},\"tool\":\"erp\"}}"));

        assertThat(again.arguments().getInt("amount")).isEqualTo(700);
        assertThat(again.modelCalls()).isEqualTo(3);
        assertThat(again.cost()).isEqualByComparingTo("1.5");
        assertThat(again.idempotencyKey()).isEqualTo("replay-e-1");
        assertThat(again.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(again.requestHash()).isNull();
    }

    @Test
    void modelUsageWithoutCallsCountsOneCallAndNoUsageNone() {
        String action = "\"requestedAction\":{\"action\":\"pay\",\"arguments\":{},\"tool\":\"erp\"}";
        assertThat(EnvelopeReplayer.submission(stored("{\"modelUsage\":{\"cost\":1}," + action + "}"))
                        .modelCalls())
                .isEqualTo(1);
        assertThat(EnvelopeReplayer.submission(stored("{" + action + "}")).modelCalls())
                .isZero();
    }

    private static Outcome outcome(String decision, List<Rule> rules, String tier, boolean reserves) {
        return new Outcome(
                decision, List.of(), rules, tier, "3", new Budget(BigDecimal.ONE, reserves, Map.of(), List.of()), null);
    }

    @Test
    void whatChangedIsNamed() {
        Rule capV1 = new Rule("cap", 1, "DENY", "over");
        Rule capV2 = new Rule("cap", 2, "DENY", "over");
        assertThat(EnvelopeReplayer.changes(
                        outcome("ALLOW", List.of(), "AUTONOMOUS", true),
                        outcome("ALLOW", List.of(), "AUTONOMOUS", true)))
                .isEmpty();
        assertThat(EnvelopeReplayer.changes(
                        outcome("ALLOW", List.of(), "AUTONOMOUS", true),
                        outcome("DENY", List.of(capV1), "AUTONOMOUS", false)))
                .containsExactly("decision", "rules", "budget");
        // the same rule at another version fired: the rules changed, the decision did not
        assertThat(EnvelopeReplayer.changes(
                        outcome("DENY", List.of(capV1), "AUTONOMOUS", false),
                        outcome("DENY", List.of(capV2), "SUGGEST_ONLY", false)))
                .containsExactly("rules", "tier");
    }
}
