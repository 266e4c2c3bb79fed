package dev.mandate.decision.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.catalog.entity.RiskClass;
import dev.mandate.decision.control.DecisionFacts.Permit;
import dev.mandate.decision.control.PolicyFindings.Finding;
import dev.mandate.decision.control.Verdict.Step;
import dev.mandate.decision.entity.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class DecisionRulesTest {

    private static final Permit NOT_PERMITTED = new Permit("erp:pay_invoice", List.of());
    private static final Permit PERMITTED = new Permit("erp:pay_invoice", List.of("ap-payer", "erp-admin"));
    private static final String KILL_SWITCH = "TENANT (incident)";
    private static final String REFUSAL = "treasury pays amounts above 50,000";
    private static final Finding ALLOW_SMALL = new Finding("small-payments", "ALLOW", null, "routine");
    private static final Finding ALLOW_SUPPLIER = new Finding("trusted-supplier", "ALLOW", null, "supplier of record");
    private static final Finding APPROVE_BIG = new Finding("big-amount", "REQUIRE_APPROVAL", "finance", "over 10,000");
    private static final Finding APPROVE_SUPPLIER =
            new Finding("new-supplier", "REQUIRE_APPROVAL", "procurement", "first payment to this supplier");
    private static final Finding CAP_DENY = new Finding("payment-cap", "DENY", null, "over the cap");
    private static final Finding NIGHT_ESCALATE = new Finding("night-payments", "ESCALATE", null, "outside hours");

    private static final Step SPONSOR_SET = new Step("sponsor", "set", null);
    private static final Step KILL_SWITCH_OFF = new Step("kill-switch", "off", null);
    private static final Step ROLES_PERMIT = new Step("roles", "permitted", "by ap-payer, erp-admin");
    private static final Step TOOL_ALLOWED = new Step("task-type-tools", "allowed", null);
    private static final Step NO_REFUSAL = new Step("refusal-conditions", "none matched", null);
    private static final Step AUTONOMOUS_TIER = new Step("authority-tier", "AUTONOMOUS", null);
    private static final Step NO_RULE_FIRED = new Step("policy-rules", "no rule fired", null);
    private static final Step SHADOW_OFF = new Step("shadow-mode", "off", null);

    private static DecisionFacts facts(Permit permit, AuthorityTier tier, String killSwitch, PolicyFindings policy) {
        return new DecisionFacts(
                permit, RiskClass.MONEY_MOVEMENT, tier, killSwitch, true, null, policy, false, true, null);
    }

    private static PolicyFindings allowRule() {
        return new PolicyFindings("3", List.of(ALLOW_SMALL));
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
    void aConfidenceBelowTheTaskTypesThresholdGoesToAPersonEvenWhereARuleAllows() {
        DecisionFacts unsure = new DecisionFacts(
                PERMITTED,
                RiskClass.MONEY_MOVEMENT,
                AuthorityTier.AUTONOMOUS,
                null,
                true,
                null,
                allowRule(),
                false,
                true,
                "0.4 is below the task type's 0.7");

        Verdict verdict = DecisionRules.decide(unsure);

        assertThat(verdict.decision()).isEqualTo(Decision.ESCALATE);
        assertThat(verdict.reasons()).containsExactly("LOW_CONFIDENCE: 0.4 is below the task type's 0.7");
        assertThat(verdict.steps())
                .contains(new Step(
                        "confidence", "below the task type's threshold", "0.4 is below" + " the task type's 0.7"));
    }

    @Test
    void aRuleThatDeniesComesBeforeTheConfidence() {
        PolicyFindings deny = new PolicyFindings("3", List.of(CAP_DENY));
        DecisionFacts unsure = new DecisionFacts(
                PERMITTED,
                RiskClass.MONEY_MOVEMENT,
                AuthorityTier.AUTONOMOUS,
                null,
                true,
                null,
                deny,
                false,
                true,
                "no confidence reported");

        assertThat(DecisionRules.decide(unsure).decision()).isEqualTo(Decision.DENY);
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
                true,
                null);

        Verdict verdict = DecisionRules.decide(shadowed);

        assertThat(verdict.decision()).isEqualTo(Decision.SHADOW);
        assertThat(verdict.reasons())
                .containsExactly("SHADOW_MODE: would have been DENY", "NOT_PERMITTED: erp:pay_invoice");
    }

    private static DecisionFacts sponsorFacts(
            RiskClass risk, PolicyFindings policy, boolean shadow, boolean sponsored) {
        return new DecisionFacts(
                PERMITTED, risk, AuthorityTier.AUTONOMOUS, null, true, null, policy, shadow, sponsored, null);
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

    /** Facts that lead to ALLOW unless changed: a sponsored, permitted, autonomous agent writing, no rule fired. */
    private static final class Given {
        private Permit permit = PERMITTED;
        private RiskClass risk = RiskClass.WRITE;
        private AuthorityTier tier = AuthorityTier.AUTONOMOUS;
        private String killSwitch;
        private boolean toolAllowed = true;
        private String refusal;
        private final List<Finding> fired = new ArrayList<>();
        private boolean shadow;
        private boolean sponsored = true;

        Given permit(Permit permit) {
            this.permit = permit;
            return this;
        }

        Given risk(RiskClass risk) {
            this.risk = risk;
            return this;
        }

        Given tier(AuthorityTier tier) {
            this.tier = tier;
            return this;
        }

        Given killSwitch(String killSwitch) {
            this.killSwitch = killSwitch;
            return this;
        }

        Given toolAllowed(boolean toolAllowed) {
            this.toolAllowed = toolAllowed;
            return this;
        }

        Given refusal(String refusal) {
            this.refusal = refusal;
            return this;
        }

        Given fired(Finding... findings) {
            fired.addAll(List.of(findings));
            return this;
        }

        Given shadow(boolean shadow) {
            this.shadow = shadow;
            return this;
        }

        Given sponsored(boolean sponsored) {
            this.sponsored = sponsored;
            return this;
        }

        Verdict decide() {
            return DecisionRules.decide(new DecisionFacts(
                    permit,
                    risk,
                    tier,
                    killSwitch,
                    toolAllowed,
                    refusal,
                    new PolicyFindings("3", List.copyOf(fired)),
                    shadow,
                    sponsored,
                    null));
        }
    }

    private static Given given() {
        return new Given();
    }

    /** The checks that can stop a decision, in the order they are made: how each stops it, and its step if not. */
    private enum Stop {
        SPONSOR(
                g -> g.sponsored(false),
                Decision.DENY,
                DecisionRules.NO_SPONSOR,
                new Step("sponsor", "none", "set a sponsor over SCIM or the API"),
                SPONSOR_SET),
        KILL_SWITCH_ON(
                g -> g.killSwitch(KILL_SWITCH),
                Decision.DENY,
                "KILL_SWITCH: TENANT (incident)",
                new Step("kill-switch", "on", KILL_SWITCH),
                KILL_SWITCH_OFF),
        ROLES(
                g -> g.permit(NOT_PERMITTED),
                Decision.DENY,
                "NOT_PERMITTED: erp:pay_invoice",
                new Step("roles", "none permits", "erp:pay_invoice"),
                ROLES_PERMIT),
        TASK_TYPE_TOOLS(
                g -> g.toolAllowed(false),
                Decision.DENY,
                "TOOL_NOT_ALLOWED_FOR_TASK_TYPE",
                new Step("task-type-tools", "not allowed", null),
                TOOL_ALLOWED),
        REFUSAL_CONDITION(
                g -> g.refusal(REFUSAL),
                Decision.DENY,
                "REFUSAL_CONDITION: treasury pays amounts above 50,000",
                new Step("refusal-conditions", "matched", REFUSAL),
                NO_REFUSAL),
        TIER_READ_ONLY(
                g -> g.tier(AuthorityTier.READ_ONLY),
                Decision.DENY,
                "TIER_READ_ONLY: agent may only read (WRITE requested)",
                new Step("authority-tier", "READ_ONLY", "a WRITE action needs more authority"),
                AUTONOMOUS_TIER),
        // a rule that does not deny leaves no step of its own before the escalations are looked at
        POLICY_DENY(
                g -> g.fired(CAP_DENY),
                Decision.DENY,
                "POLICY_DENY: payment-cap: over the cap",
                new Step("policy-rules", "DENY", "payment-cap"),
                null),
        POLICY_ESCALATE(
                g -> g.fired(NIGHT_ESCALATE),
                Decision.ESCALATE,
                "POLICY_ESCALATE: night-payments: outside hours",
                new Step("policy-rules", "ESCALATE", "night-payments"),
                NO_RULE_FIRED);

        private final UnaryOperator<Given> setUp;
        private final Decision decision;
        private final String reason;
        private final Step stopped;
        private final Step passed;

        Stop(UnaryOperator<Given> setUp, Decision decision, String reason, Step stopped, Step passed) {
            this.setUp = setUp;
            this.decision = decision;
            this.reason = reason;
            this.stopped = stopped;
            this.passed = passed;
        }
    }

    @ParameterizedTest
    @EnumSource(Stop.class)
    void eachCheckStopsTheDecisionAfterTheChecksBeforeIt(Stop stop) {
        assertStoppedBy(stop.setUp.apply(given()).decide(), stop);
    }

    @ParameterizedTest
    @EnumSource(Stop.class)
    void eachCheckComesBeforeEveryLaterOne(Stop stop) {
        Given given = given();
        // the later ones set up first, so that the order of the fired rules cannot be what decides
        for (int later = Stop.values().length - 1; later >= stop.ordinal(); later--) {
            Stop.values()[later].setUp.apply(given);
        }

        assertStoppedBy(given.decide(), stop);
    }

    private static void assertStoppedBy(Verdict verdict, Stop stop) {
        List<Step> steps = new ArrayList<>();
        for (Stop earlier : Stop.values()) {
            if (earlier.ordinal() < stop.ordinal() && earlier.passed != null) {
                steps.add(earlier.passed);
            }
        }
        steps.add(stop.stopped);
        if (stop != Stop.SPONSOR) {
            steps.add(SHADOW_OFF);
        }
        assertThat(verdict.decision()).isEqualTo(stop.decision);
        assertThat(verdict.reasons()).containsExactly(stop.reason);
        assertThat(verdict.approverRole()).isNull();
        assertThat(verdict.steps()).containsExactlyElementsOf(steps);
    }

    @Test
    void anAllowedWriteRecordsEveryCheckInOrder() {
        Verdict verdict = given().decide();

        assertThat(verdict.decision()).isEqualTo(Decision.ALLOW);
        assertThat(verdict.reasons()).containsExactly("TIER_AUTONOMOUS");
        assertThat(verdict.ruleIds()).isEmpty();
        assertThat(verdict.approverRole()).isNull();
        assertThat(verdict.steps())
                .containsExactly(
                        SPONSOR_SET,
                        KILL_SWITCH_OFF,
                        ROLES_PERMIT,
                        TOOL_ALLOWED,
                        NO_REFUSAL,
                        AUTONOMOUS_TIER,
                        NO_RULE_FIRED,
                        SHADOW_OFF);
    }

    @ParameterizedTest
    @EnumSource(value = RiskClass.class, names = "READ", mode = EnumSource.Mode.EXCLUDE)
    void aKillSwitchDeniesEveryActionThatChangesSomethingWhateverTheRulesSay(RiskClass risk) {
        Verdict verdict =
                given().risk(risk).killSwitch(KILL_SWITCH).fired(ALLOW_SMALL).decide();

        assertThat(verdict.decision()).isEqualTo(Decision.DENY);
        assertThat(verdict.reasons()).containsExactly("KILL_SWITCH: TENANT (incident)");
        assertThat(verdict.ruleIds()).containsExactly("small-payments");
        assertThat(verdict.steps())
                .containsExactly(SPONSOR_SET, new Step("kill-switch", "on", KILL_SWITCH), SHADOW_OFF);
    }

    @Test
    void aKillSwitchLetsAReadOnlyActionOnToTheOtherChecks() {
        Step readPasses = new Step("kill-switch", "on, read-only passes", null);

        Verdict read = given().risk(RiskClass.READ).killSwitch(KILL_SWITCH).decide();
        Verdict unpermittedRead = given().risk(RiskClass.READ)
                .killSwitch(KILL_SWITCH)
                .permit(NOT_PERMITTED)
                .decide();

        assertThat(read.decision()).isEqualTo(Decision.ALLOW);
        assertThat(read.reasons()).containsExactly("READ_ONLY_ACTION");
        assertThat(read.steps())
                .containsExactly(
                        SPONSOR_SET,
                        readPasses,
                        ROLES_PERMIT,
                        TOOL_ALLOWED,
                        NO_REFUSAL,
                        AUTONOMOUS_TIER,
                        NO_RULE_FIRED,
                        new Step("blast-radius", "read-only action", null),
                        SHADOW_OFF);
        assertThat(unpermittedRead.decision()).isEqualTo(Decision.DENY);
        assertThat(unpermittedRead.reasons()).containsExactly("NOT_PERMITTED: erp:pay_invoice");
        assertThat(unpermittedRead.steps())
                .containsExactly(
                        SPONSOR_SET, readPasses, new Step("roles", "none permits", "erp:pay_invoice"), SHADOW_OFF);
    }

    @ParameterizedTest(name = "{0} agent, {1} action: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            READ_ONLY             | READ           | ALLOW            | READ_ONLY_ACTION
            READ_ONLY             | WRITE          | DENY             | TIER_READ_ONLY: agent may only read (WRITE requested)
            READ_ONLY             | DELETION       | DENY             | TIER_READ_ONLY: agent may only read (DELETION requested)
            SUGGEST_ONLY          | READ           | ALLOW            | READ_ONLY_ACTION
            SUGGEST_ONLY          | WRITE          | REQUIRE_APPROVAL | TIER_SUGGEST_ONLY: a person must carry this out or approve it
            SUGGEST_ONLY          | DELETION       | REQUIRE_APPROVAL | TIER_SUGGEST_ONLY: a person must carry this out or approve it
            EXECUTE_WITH_APPROVAL | READ           | ALLOW            | READ_ONLY_ACTION
            EXECUTE_WITH_APPROVAL | WRITE          | REQUIRE_APPROVAL | TIER_EXECUTE_WITH_APPROVAL
            EXECUTE_WITH_APPROVAL | DELETION       | REQUIRE_APPROVAL | TIER_EXECUTE_WITH_APPROVAL
            AUTONOMOUS            | READ           | ALLOW            | READ_ONLY_ACTION
            AUTONOMOUS            | WRITE          | ALLOW            | TIER_AUTONOMOUS
            AUTONOMOUS            | DELETION       | REQUIRE_APPROVAL | BLAST_RADIUS: DELETION requires approval
            """)
    void theTierAndTheRiskClassDecideWhereNoRuleFires(
            AuthorityTier tier, RiskClass risk, Decision decision, String reason) {
        Verdict verdict = given().tier(tier).risk(risk).decide();

        assertThat(verdict.decision()).isEqualTo(decision);
        assertThat(verdict.reasons()).containsExactly(reason);
        assertThat(verdict.approverRole()).isNull();
        assertThat(verdict.steps())
                .filteredOn(step -> step.check().equals("authority-tier"))
                .singleElement()
                .extracting(Step::outcome)
                .isEqualTo(tier.name());
    }

    @ParameterizedTest
    @EnumSource(
            value = AuthorityTier.class,
            names = {"SUGGEST_ONLY", "EXECUTE_WITH_APPROVAL"})
    void aTierThatNeedsApprovalNeedsItEvenWhereARuleAllowsTheBlastRadius(AuthorityTier tier) {
        Verdict verdict = given().tier(tier)
                .risk(RiskClass.MONEY_MOVEMENT)
                .fired(ALLOW_SMALL)
                .decide();

        assertThat(verdict.decision()).isEqualTo(Decision.REQUIRE_APPROVAL);
        assertThat(verdict.reasons()).singleElement().asString().startsWith("TIER_" + tier.name());
        assertThat(verdict.approverRole()).isNull();
        // the tier asks for approval already: the blast radius is not looked at
        assertThat(verdict.steps())
                .endsWith(
                        new Step("authority-tier", tier.name(), null),
                        new Step("policy-rules", "fired [small-payments]", null),
                        SHADOW_OFF);
    }

    @ParameterizedTest
    @EnumSource(
            value = RiskClass.class,
            names = {"READ", "WRITE"},
            mode = EnumSource.Mode.EXCLUDE)
    void aBlastRadiusActionOfAnAutonomousAgentNeedsApproval(RiskClass risk) {
        Verdict verdict = given().risk(risk).decide();

        assertThat(risk.isBlastRadius()).isTrue();
        assertThat(verdict.decision()).isEqualTo(Decision.REQUIRE_APPROVAL);
        assertThat(verdict.reasons()).containsExactly("BLAST_RADIUS: " + risk + " requires approval");
        assertThat(verdict.approverRole()).isNull();
        assertThat(verdict.steps())
                .containsExactly(
                        SPONSOR_SET,
                        KILL_SWITCH_OFF,
                        ROLES_PERMIT,
                        TOOL_ALLOWED,
                        NO_REFUSAL,
                        AUTONOMOUS_TIER,
                        NO_RULE_FIRED,
                        new Step("blast-radius", risk.name(), "requires approval"),
                        SHADOW_OFF);
    }

    @ParameterizedTest
    @EnumSource(
            value = RiskClass.class,
            names = {"READ", "WRITE"},
            mode = EnumSource.Mode.EXCLUDE)
    void anAllowRuleLiftsTheBlastRadiusAndTheFirstOneIsNamed(RiskClass risk) {
        Verdict verdict = given().risk(risk).fired(ALLOW_SMALL, ALLOW_SUPPLIER).decide();

        assertThat(verdict.decision()).isEqualTo(Decision.ALLOW);
        assertThat(verdict.reasons()).containsExactly("TIER_AUTONOMOUS");
        assertThat(verdict.ruleIds()).containsExactly("small-payments", "trusted-supplier");
        assertThat(verdict.steps())
                .endsWith(
                        new Step("policy-rules", "fired [small-payments, trusted-supplier]", null),
                        new Step("blast-radius", risk.name(), "explicitly allowed by small-payments"),
                        SHADOW_OFF);
    }

    @Test
    void anAllowRuleDoesNotLiftARuleThatRequiresApproval() {
        Verdict verdict = given().risk(RiskClass.MONEY_MOVEMENT)
                .fired(ALLOW_SMALL, APPROVE_BIG)
                .decide();

        assertThat(verdict.decision()).isEqualTo(Decision.REQUIRE_APPROVAL);
        assertThat(verdict.reasons()).containsExactly("POLICY_REQUIRES_APPROVAL: big-amount: over 10,000");
        assertThat(verdict.approverRole()).isEqualTo("finance");
        assertThat(verdict.steps())
                .endsWith(
                        new Step("policy-rules", "fired [small-payments, big-amount]", null),
                        new Step("blast-radius", "MONEY_MOVEMENT", "explicitly allowed by small-payments"),
                        SHADOW_OFF);
    }

    @Test
    void everyApprovalRuleIsAReasonAndTheFirstApproverNamedIsAsked() {
        Finding unnamed = new Finding("four-eyes", "REQUIRE_APPROVAL", null, "a second pair of eyes");

        Verdict verdict = given().fired(unnamed, APPROVE_BIG, APPROVE_SUPPLIER).decide();

        assertThat(verdict.decision()).isEqualTo(Decision.REQUIRE_APPROVAL);
        assertThat(verdict.reasons())
                .containsExactly(
                        "POLICY_REQUIRES_APPROVAL: four-eyes: a second pair of eyes",
                        "POLICY_REQUIRES_APPROVAL: big-amount: over 10,000",
                        "POLICY_REQUIRES_APPROVAL: new-supplier: first payment to this supplier");
        assertThat(verdict.approverRole()).isEqualTo("finance");
        assertThat(verdict.ruleIds()).containsExactly("four-eyes", "big-amount", "new-supplier");
        assertThat(verdict.steps())
                .endsWith(
                        AUTONOMOUS_TIER,
                        new Step("policy-rules", "fired [four-eyes, big-amount, new-supplier]", null),
                        SHADOW_OFF);
    }

    @ParameterizedTest(name = "{0} agent, {1} action")
    @CsvSource(delimiter = '|', textBlock = """
            SUGGEST_ONLY          | WRITE          | TIER_SUGGEST_ONLY: a person must carry this out or approve it
            EXECUTE_WITH_APPROVAL | WRITE          | TIER_EXECUTE_WITH_APPROVAL
            AUTONOMOUS            | MONEY_MOVEMENT | BLAST_RADIUS: MONEY_MOVEMENT requires approval
            """)
    void anApprovalRuleIsGivenBeforeTheTierOrTheBlastRadius(AuthorityTier tier, RiskClass risk, String reason) {
        Verdict verdict = given().tier(tier).risk(risk).fired(APPROVE_BIG).decide();

        assertThat(verdict.decision()).isEqualTo(Decision.REQUIRE_APPROVAL);
        assertThat(verdict.reasons()).containsExactly("POLICY_REQUIRES_APPROVAL: big-amount: over 10,000", reason);
        assertThat(verdict.approverRole()).isEqualTo("finance");
    }

    @Test
    void rulesApplyToReadOnlyActionsToo() {
        Verdict approval = given().risk(RiskClass.READ)
                .tier(AuthorityTier.READ_ONLY)
                .fired(APPROVE_BIG)
                .decide();
        Verdict denial = given().risk(RiskClass.READ).fired(CAP_DENY).decide();

        assertThat(approval.decision()).isEqualTo(Decision.REQUIRE_APPROVAL);
        assertThat(approval.reasons()).containsExactly("POLICY_REQUIRES_APPROVAL: big-amount: over 10,000");
        assertThat(approval.approverRole()).isEqualTo("finance");
        assertThat(approval.steps())
                .endsWith(
                        new Step("authority-tier", "READ_ONLY", null),
                        new Step("policy-rules", "fired [big-amount]", null),
                        new Step("blast-radius", "read-only action", null),
                        SHADOW_OFF);
        assertThat(denial.decision()).isEqualTo(Decision.DENY);
        assertThat(denial.reasons()).containsExactly("POLICY_DENY: payment-cap: over the cap");
    }

    @Test
    void theFirstDenyRuleBeatsEscalationAndApprovalRulesFiredBeforeIt() {
        Finding sanctions = new Finding("sanctioned-country", "DENY", null, "on the sanctions list");

        Verdict verdict = given().risk(RiskClass.MONEY_MOVEMENT)
                .fired(APPROVE_BIG, NIGHT_ESCALATE, CAP_DENY, sanctions)
                .decide();

        assertThat(verdict.decision()).isEqualTo(Decision.DENY);
        assertThat(verdict.reasons()).containsExactly("POLICY_DENY: payment-cap: over the cap");
        assertThat(verdict.approverRole()).isNull();
        assertThat(verdict.ruleIds())
                .containsExactly("big-amount", "night-payments", "payment-cap", "sanctioned-country");
        assertThat(verdict.steps())
                .endsWith(AUTONOMOUS_TIER, new Step("policy-rules", "DENY", "payment-cap"), SHADOW_OFF);
    }

    @Test
    void anEscalationRuleBeatsApprovalAndAllowRulesAndNamesNoApprover() {
        Verdict verdict = given().risk(RiskClass.MONEY_MOVEMENT)
                .fired(APPROVE_BIG, NIGHT_ESCALATE, ALLOW_SMALL)
                .decide();

        assertThat(verdict.decision()).isEqualTo(Decision.ESCALATE);
        assertThat(verdict.reasons()).containsExactly("POLICY_ESCALATE: night-payments: outside hours");
        assertThat(verdict.approverRole()).isNull();
        assertThat(verdict.ruleIds()).containsExactly("big-amount", "night-payments", "small-payments");
        assertThat(verdict.steps())
                .endsWith(AUTONOMOUS_TIER, new Step("policy-rules", "ESCALATE", "night-payments"), SHADOW_OFF);
    }

    @Test
    void aDenialBeforeTheRulesStillCarriesEveryRuleThatFired() {
        Verdict verdict =
                given().permit(NOT_PERMITTED).fired(APPROVE_BIG, CAP_DENY).decide();

        assertThat(verdict.reasons()).containsExactly("NOT_PERMITTED: erp:pay_invoice");
        assertThat(verdict.ruleIds()).containsExactly("big-amount", "payment-cap");
        assertThat(verdict.steps()).extracting(Step::check).doesNotContain("policy-rules");
    }

    static Stream<Arguments> outcomes() {
        return Stream.of(
                outcome("an allowed write", given(), Decision.ALLOW),
                outcome(
                        "a read under a kill switch",
                        given().risk(RiskClass.READ).killSwitch(KILL_SWITCH),
                        Decision.ALLOW),
                outcome("a kill switch", given().killSwitch(KILL_SWITCH), Decision.DENY),
                outcome("no permitting role", given().permit(NOT_PERMITTED), Decision.DENY),
                outcome("a tool outside the task type", given().toolAllowed(false), Decision.DENY),
                outcome("a refusal condition", given().refusal(REFUSAL), Decision.DENY),
                outcome("a read-only tier", given().tier(AuthorityTier.READ_ONLY), Decision.DENY),
                outcome("a deny rule", given().fired(CAP_DENY), Decision.DENY),
                outcome("an escalation rule", given().fired(NIGHT_ESCALATE), Decision.ESCALATE),
                outcome("an approval rule", given().fired(APPROVE_BIG), Decision.REQUIRE_APPROVAL),
                outcome("a suggest-only tier", given().tier(AuthorityTier.SUGGEST_ONLY), Decision.REQUIRE_APPROVAL),
                outcome("a blast radius", given().risk(RiskClass.DELETION), Decision.REQUIRE_APPROVAL));
    }

    private static Arguments outcome(String name, Given given, Decision decision) {
        return Arguments.of(Named.of(name, given), decision);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outcomes")
    void shadowModeReportsWhatEveryOutcomeWouldHaveBeen(Given given, Decision wouldHaveBeen) {
        Verdict live = given.decide();
        Verdict shadowed = given.shadow(true).decide();

        assertThat(live.decision()).isEqualTo(wouldHaveBeen);
        assertThat(shadowed.decision()).isEqualTo(Decision.SHADOW);
        List<String> reasons = new ArrayList<>(live.reasons());
        reasons.add(0, "SHADOW_MODE: would have been " + wouldHaveBeen);
        assertThat(shadowed.reasons()).containsExactlyElementsOf(reasons);
        assertThat(shadowed.ruleIds()).isEqualTo(live.ruleIds());
        assertThat(shadowed.approverRole()).isEqualTo(live.approverRole());
        List<Step> steps = new ArrayList<>(live.steps());
        assertThat(steps.remove(steps.size() - 1)).isEqualTo(SHADOW_OFF);
        steps.add(new Step("shadow-mode", "on", "would have been " + wouldHaveBeen));
        assertThat(shadowed.steps()).containsExactlyElementsOf(steps);
    }

    @Test
    void shadowModeKeepsTheApproverAndTheRulesOfAnApproval() {
        Verdict verdict = given().fired(APPROVE_BIG).shadow(true).decide();

        assertThat(verdict.decision()).isEqualTo(Decision.SHADOW);
        assertThat(verdict.reasons())
                .containsExactly(
                        "SHADOW_MODE: would have been REQUIRE_APPROVAL",
                        "POLICY_REQUIRES_APPROVAL: big-amount: over 10,000");
        assertThat(verdict.approverRole()).isEqualTo("finance");
        assertThat(verdict.ruleIds()).containsExactly("big-amount");
        assertThat(verdict.steps())
                .endsWith(
                        new Step("policy-rules", "fired [big-amount]", null),
                        new Step("shadow-mode", "on", "would have been REQUIRE_APPROVAL"));
    }
}
