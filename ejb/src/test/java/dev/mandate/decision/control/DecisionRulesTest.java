package dev.mandate.decision.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.catalog.entity.RiskClass;
import dev.mandate.decision.control.DecisionFacts.Permit;
import dev.mandate.decision.control.PolicyFindings.Finding;
import dev.mandate.decision.control.Verdict.Step;
import dev.mandate.decision.entity.Decision;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionRulesTest {

    private static final Permit NOT_PERMITTED = new Permit("erp:pay_invoice", List.of());
    private static final Permit PERMITTED = new Permit("erp:pay_invoice", List.of("ap-payer", "erp-admin"));

    private static DecisionFacts facts(Permit permit, AuthorityTier tier, String killSwitch, PolicyFindings policy) {
        return new DecisionFacts(permit, RiskClass.MONEY_MOVEMENT, tier, killSwitch, true, null, policy, false, true);
    }

    private static PolicyFindings allowRule() {
        return new PolicyFindings("3", List.of(new Finding("small-payments", "ALLOW", null, "routine")));
    }

    @Test
    void anActionNoRolePermitsIsDeniedWhateverTierAndRulesSay() {
        Verdict verdict = DecisionRules.decide(facts(NOT_PERMITTED, AuthorityTier.AUTONOMOUS, null, allowRule()));

        assertThat(verdict.decision()).isEqualTo(Decision.DENY);
        assertThat(verdict.reasons()).containsExactly("NOT_PERMITTED: erp:pay_invoice");
        // before the tier and the rules: neither is a step of this decision
        assertThat(verdict.steps().stream().map(Step::check))
                .containsExactly("sponsor", "kill-switch", "roles", "shadow-mode");
        assertThat(verdict.steps().get(2)).isEqualTo(new Step("roles", "none permits", "erp:pay_invoice"));
    }

    @Test
    void rolesComeBeforeTheTierAndTheRulesThatWouldDenyToo() {
        PolicyFindings deny = new PolicyFindings("3", List.of(new Finding("payment-cap", "DENY", null, "cap")));

        Verdict verdict = DecisionRules.decide(facts(NOT_PERMITTED, AuthorityTier.READ_ONLY, null, deny));

        assertThat(verdict.reasons()).containsExactly("NOT_PERMITTED: erp:pay_invoice");
    }

    @Test
    void theKillSwitchStillComesFirst() {
        Verdict verdict =
                DecisionRules.decide(facts(NOT_PERMITTED, AuthorityTier.AUTONOMOUS, "TENANT (incident)", allowRule()));

        assertThat(verdict.reasons()).containsExactly("KILL_SWITCH: TENANT (incident)");
    }

    @Test
    void aPermittedActionGoesOnToTiersAndRulesAndNamesThePermittingRoles() {
        Verdict verdict = DecisionRules.decide(facts(PERMITTED, AuthorityTier.AUTONOMOUS, null, allowRule()));

        assertThat(verdict.decision()).isEqualTo(Decision.ALLOW);
        assertThat(verdict.steps()).contains(new Step("roles", "permitted", "by ap-payer, erp-admin"));
        assertThat(verdict.steps().stream().map(Step::check)).contains("authority-tier", "policy-rules");
    }

    @Test
    void shadowModeReportsWhatTheRolesWouldHaveDone() {
        DecisionFacts shadowed = new DecisionFacts(
                NOT_PERMITTED,
                RiskClass.MONEY_MOVEMENT,
                AuthorityTier.AUTONOMOUS,
                null,
                true,
                null,
                PolicyFindings.none("1"),
                true,
                true);

        Verdict verdict = DecisionRules.decide(shadowed);

        assertThat(verdict.decision()).isEqualTo(Decision.SHADOW);
        assertThat(verdict.reasons())
                .containsExactly("SHADOW_MODE: would have been DENY", "NOT_PERMITTED: erp:pay_invoice");
    }

    private static DecisionFacts sponsorFacts(
            RiskClass risk, PolicyFindings policy, boolean shadow, boolean sponsored) {
        return new DecisionFacts(
                PERMITTED, risk, AuthorityTier.AUTONOMOUS, null, true, null, policy, shadow, sponsored);
    }

    @Test
    void anAgentWithoutSponsorIsDeniedEvenWhatWouldBeAllowed() {
        Verdict sponsored = DecisionRules.decide(sponsorFacts(RiskClass.READ, PolicyFindings.none("1"), false, true));
        Verdict orphan = DecisionRules.decide(sponsorFacts(RiskClass.READ, PolicyFindings.none("1"), false, false));

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

        Verdict verdict = DecisionRules.decide(sponsorFacts(RiskClass.MONEY_MOVEMENT, allow, true, false));

        assertThat(verdict.decision()).isEqualTo(Decision.DENY);
        assertThat(verdict.reasons()).containsExactly(DecisionRules.NO_SPONSOR);
        assertThat(verdict.ruleIds()).containsExactly("small");
    }

    @Test
    void aSponsoredAgentPassesTheSponsorStepFirst() {
        Verdict verdict = DecisionRules.decide(sponsorFacts(RiskClass.WRITE, PolicyFindings.none("1"), false, true));

        assertThat(verdict.steps().get(0).check()).isEqualTo("sponsor");
        assertThat(verdict.steps().get(0).outcome()).isEqualTo("set");
        assertThat(verdict.decision()).isEqualTo(Decision.ALLOW);
    }
}
