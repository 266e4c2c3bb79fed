package dev.mandate.decision.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.catalog.entity.RiskClass;
import dev.mandate.decision.control.DecisionFacts.Permit;
import dev.mandate.decision.control.PolicyFindings.Finding;
import dev.mandate.decision.entity.Decision;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What must hold for any combination of facts. */
class DecisionRulesPropertiesTest {

    @Property(tries = 2000)
    void aHardStopIsNeverAllowedAndIsDeniedOrInShadowModeWouldHaveBeen(@ForAll("facts") DecisionFacts facts) {
        boolean write = !facts.risk().isReadOnly();
        boolean denyRuleFired = facts.policy().fired().stream()
                .anyMatch(finding -> finding.effect().equals("DENY"));
        boolean hardStop = !facts.sponsored()
                || (facts.activeKillSwitch() != null && write)
                || !facts.permit().permitted()
                || denyRuleFired
                || (facts.tier() == AuthorityTier.READ_ONLY && write);

        Verdict verdict = DecisionRules.decide(facts);

        if (hardStop) {
            assertThat(verdict.decision()).isNotEqualTo(Decision.ALLOW);
            if (verdict.decision() == Decision.SHADOW) {
                assertThat(verdict.reasons().get(0)).isEqualTo("SHADOW_MODE: would have been DENY");
            } else {
                assertThat(verdict.decision()).isEqualTo(Decision.DENY);
            }
        }
    }

    @Property(tries = 1000)
    void aSponsoredAgentInShadowModeIsNeverAllowedAndEveryVerdictCarriesTheFiredRules(
            @ForAll("facts") DecisionFacts facts) {
        Verdict verdict = DecisionRules.decide(facts);

        if (facts.sponsored() && facts.shadow()) {
            assertThat(verdict.decision()).isEqualTo(Decision.SHADOW);
        }
        assertThat(verdict.ruleIds())
                .containsExactlyElementsOf(
                        facts.policy().fired().stream().map(Finding::ruleId).toList());
        assertThat(verdict.steps().get(0).check()).isEqualTo("sponsor");
    }

    @Provide
    Arbitrary<DecisionFacts> facts() {
        Arbitrary<Permit> permits = Arbitraries.<List<String>>of(
                        List.of(), List.of("ap-payer"), List.of("ap-payer", "erp-admin"))
                .map(roles -> new Permit("erp:pay_invoice", roles));
        Arbitrary<String> killSwitches = Arbitraries.just("TENANT (incident)").injectNull(0.5);
        Arbitrary<String> refusals = Arbitraries.just("amount over 50,000").injectNull(0.7);
        Arbitrary<Boolean> flags = Arbitraries.of(true, false);
        return Combinators.combine(
                        permits,
                        Arbitraries.of(RiskClass.class),
                        Arbitraries.of(AuthorityTier.class),
                        killSwitches,
                        flags,
                        refusals,
                        policies(),
                        flags)
                .flatAs((permit, risk, tier, killSwitch, toolAllowed, refusal, policy, shadow) ->
                        flags.map(sponsored -> new DecisionFacts(
                                permit,
                                risk,
                                tier,
                                killSwitch,
                                toolAllowed,
                                refusal,
                                policy,
                                shadow,
                                sponsored,
                                null)));
    }

    private static Arbitrary<PolicyFindings> policies() {
        Arbitrary<Finding> findings = Combinators.combine(
                        Arbitraries.of("cap", "night", "supplier", "small"),
                        Arbitraries.of("ALLOW", "REQUIRE_APPROVAL", "ESCALATE", "DENY"),
                        Arbitraries.of("finance", "treasury").injectNull(0.3))
                .as((ruleId, effect, approver) -> new Finding(ruleId, effect, approver, "because"));
        return findings.list().ofMaxSize(4).map(fired -> new PolicyFindings("3", fired));
    }
}
