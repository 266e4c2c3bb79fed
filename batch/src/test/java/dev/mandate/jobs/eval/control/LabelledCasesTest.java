package dev.mandate.jobs.eval.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.decision.entity.Decision;
import dev.mandate.jobs.eval.entity.CaseKind;
import dev.mandate.jobs.eval.entity.EvalCase;
import dev.mandate.labelling.entity.LabelledExample;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class LabelledCasesTest {

    static final String INPUT =
            "{\"agentId\":\"a-1\",\"taskType\":\"pay-invoice\",\"requestedAction\":{\"tool\":\"erp\","
                    + "\"action\":\"pay\",\"arguments\":{\"invoiceId\":\"INV-1\",\"amount\":420}}}";

    @Test
    void anApprovedActionExpectsTheMachinesDecisionAndTheArgumentsAsSent() {
        EvalCase c = LabelledCases.of(3, example("APPROVAL", "REQUIRE_APPROVAL", "APPROVED", null))
                .orElseThrow();

        assertThat(c.seq()).isEqualTo(3);
        assertThat(c.key()).isEqualTo("labelled-e-1");
        assertThat(c.kind()).isEqualTo(CaseKind.GOLDEN);
        assertThat(c.expectedDecision()).isEqualTo(Decision.REQUIRE_APPROVAL);
        assertThat(c.expectedTool()).isEqualTo("erp");
        assertThat(c.expectedArguments().getInt("amount")).isEqualTo(420);
        assertThat(c.input().containsKey("agentId")).isFalse();
    }

    @Test
    void anEditedExecutionExpectsThePersonsArguments() {
        EvalCase c = LabelledCases.of(
                        1,
                        example("ESCALATION", "ESCALATE", "EXECUTED_EDITED", "{\"invoiceId\":\"INV-1\",\"amount\":42}"))
                .orElseThrow();

        assertThat(c.kind()).isEqualTo(CaseKind.AMBIGUOUS_REQUEST);
        assertThat(c.expectedDecision()).isEqualTo(Decision.ESCALATE);
        assertThat(c.expectedArguments().getInt("amount")).isEqualTo(42);
    }

    @Test
    void aRejectionExpectsADenialAndUnjudgedOutcomesMakeNoCase() {
        assertThat(LabelledCases.of(1, example("APPROVAL", "REQUIRE_APPROVAL", "REJECTED", null))
                        .orElseThrow()
                        .expectedDecision())
                .isEqualTo(Decision.DENY);
        assertThat(LabelledCases.of(1, example("APPROVAL", "REQUIRE_APPROVAL", "EXPIRED", null)))
                .isEmpty();
        assertThat(LabelledCases.of(1, example("ESCALATION", "ESCALATE", "RETURNED_TO_AGENT", null)))
                .isEmpty();
    }

    private static LabelledExample example(String source, String machine, String human, String edited) {
        return new LabelledExample(
                "e-1",
                "acme",
                source,
                "s-1",
                "env-1",
                "a-1",
                "pay-invoice",
                "erp",
                "pay",
                "MONEY_MOVEMENT",
                machine,
                human,
                "because",
                INPUT,
                edited,
                "alice",
                OffsetDateTime.now());
    }
}
