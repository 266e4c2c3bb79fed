package dev.mandate.jobs.eval.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.decision.control.DryRun;
import dev.mandate.decision.control.Verdict;
import dev.mandate.decision.entity.Decision;
import dev.mandate.jobs.eval.entity.CaseKind;
import dev.mandate.jobs.eval.entity.CaseScore;
import dev.mandate.jobs.eval.entity.EvalCase;
import dev.mandate.platform.json.JsonStrings;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseScoringTest {

    static final JsonObject PAY_500 = JsonStrings.object(
            "{\"requestedAction\":{\"tool\":\"erp\",\"action\":\"pay_invoice\",\"arguments\":{\"amount\":500.0}}}");

    @Test
    void theExpectedDecisionToolAndArgumentsSucceed() {
        CaseScore score = CaseScoring.score(
                expecting(Decision.ALLOW, "{\"amount\":500}"), PAY_500, decided(Decision.ALLOW), BigDecimal.ONE);

        assertThat(score.success()).isTrue();
        assertThat(score.toolCorrect()).isTrue();
        assertThat(score.compliant()).isTrue();
        assertThat(score.cost()).isEqualTo(BigDecimal.ONE);
    }

    @Test
    void otherArgumentsFailTheCaseWhateverTheDecision() {
        CaseScore score = CaseScoring.score(
                expecting(Decision.ALLOW, "{\"amount\":501}"), PAY_500, decided(Decision.ALLOW), BigDecimal.ZERO);

        assertThat(score.toolCorrect()).isFalse();
        assertThat(score.success()).isFalse();
    }

    @Test
    void anotherDecisionFailsAndADenialIsNotCompliant() {
        CaseScore score =
                CaseScoring.score(expecting(Decision.ALLOW, null), PAY_500, decided(Decision.DENY), BigDecimal.ZERO);

        assertThat(score.success()).isFalse();
        assertThat(score.toolCorrect()).isTrue();
        assertThat(score.compliant()).isFalse();
    }

    @Test
    void aRefusedEnvelopeCountsAsDenied() {
        CaseScore score = CaseScoring.score(
                expecting(Decision.DENY, null),
                PAY_500,
                DryRun.refused("urn:mandate:problem:unprocessable", "no tool 'erp'"),
                BigDecimal.ZERO);

        assertThat(score.decision()).isEqualTo(Decision.DENY);
        assertThat(score.success()).isTrue();
        assertThat(score.compliant()).isFalse();
        assertThat(score.reasons()).contains("REFUSED").contains("no tool");
    }

    @Test
    void jsonIsComparedByValue() {
        assertThat(CaseScoring.same(
                        JsonStrings.object("{\"a\":[1,{\"b\":2.50}],\"c\":\"x\"}"),
                        JsonStrings.object("{\"c\":\"x\",\"a\":[1.0,{\"b\":2.5}]}")))
                .isTrue();
        assertThat(CaseScoring.same(JsonStrings.object("{\"a\":[1,2]}"), JsonStrings.object("{\"a\":[2,1]}")))
                .isFalse();
        assertThat(CaseScoring.same(JsonStrings.object("{\"a\":1}"), JsonStrings.object("{\"a\":\"1\"}")))
                .isFalse();
    }

    private static EvalCase expecting(Decision decision, String arguments) {
        return new EvalCase(
                1,
                "c1",
                CaseKind.GOLDEN,
                "pay-invoice",
                PAY_500,
                decision,
                "erp",
                "pay_invoice",
                arguments == null ? null : JsonStrings.object(arguments));
    }

    private static DryRun decided(Decision decision) {
        return DryRun.decided(new Verdict(decision, List.of("WHY"), List.of(), null, List.of()));
    }
}
