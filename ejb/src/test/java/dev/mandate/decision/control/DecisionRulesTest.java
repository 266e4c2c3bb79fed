package dev.mandate.decision.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.catalog.entity.RiskClass;
import dev.mandate.decision.control.PolicyFindings.Finding;
import dev.mandate.decision.entity.Decision;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionRulesTest {

    private static DecisionFacts facts(RiskClass risk, PolicyFindings policy, boolean shadow, boolean sponsored) {
        return new DecisionFacts(risk, AuthorityTier.AUTONOMOUS, null, true, null, policy, shadow, sponsored);
    }

    @Test
    void anAgentWithoutSponsorIsDeniedEvenWhatWouldBeAllowed() {
        Verdict sponsored = DecisionRules.decide(facts(RiskClass.READ, PolicyFindings.none("1"), false, true));
        Verdict orphan = DecisionRules.decide(facts(RiskClass.READ, PolicyFindings.none("1"), false, false));

        assertThat(sponsored.decision()).isEqualTo(Decision.ALLOW);
        assertThat(orphan.decision()).isEqualTo(Decision.DENY);
        assertThat(orphan.reasons()).containsExactly(DecisionRules.NO_SPONSOR);
        assertThat(orphan.reasons().get(0)).startsWith("NO_SPONSOR");
        assertThat(orphan.steps()).first().satisfies(step -> {
            assertThat(step.check()).isEqualTo("sponsor");
            assertThat(step.outcome()).isEqualTo("none");
        });
    }

    @Test
    void noSponsorWinsOverShadowModeAndAnExplicitAllow() {
        PolicyFindings allow = new PolicyFindings("3", List.of(new Finding("small", "ALLOW", null, "small amounts")));

        Verdict verdict = DecisionRules.decide(facts(RiskClass.MONEY_MOVEMENT, allow, true, false));

        assertThat(verdict.decision()).isEqualTo(Decision.DENY);
        assertThat(verdict.reasons()).containsExactly(DecisionRules.NO_SPONSOR);
        assertThat(verdict.ruleIds()).containsExactly("small");
    }

    @Test
    void aSponsoredAgentPassesTheSponsorStepFirst() {
        Verdict verdict = DecisionRules.decide(facts(RiskClass.WRITE, PolicyFindings.none("1"), false, true));

        assertThat(verdict.steps().get(0).check()).isEqualTo("sponsor");
        assertThat(verdict.steps().get(0).outcome()).isEqualTo("set");
        assertThat(verdict.decision()).isEqualTo(Decision.ALLOW);
    }
}
