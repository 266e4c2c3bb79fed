package dev.mandate.policy.control;

import static dev.mandate.policy.control.Rules.input;
import static dev.mandate.policy.control.Rules.set;
import static dev.mandate.policy.control.Rules.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.Violation;
import dev.mandate.policy.entity.PolicyEffect;
import dev.mandate.policy.entity.RuleKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleTemplatesTest {

    @Test
    void amountCapFiresAboveTheMaxOnlyWhenTheAmountIsThere() {
        CompiledPolicySet rules = set(
                "1",
                template(
                        "cap",
                        RuleKind.AMOUNT_CAP,
                        Map.of("path", "payment.amount", "max", 1000),
                        PolicyEffect.REQUIRE_APPROVAL));
        assertThat(rules.evaluate(input(Map.of("payment", Map.of("amount", 1000.5))))
                        .effect())
                .isEqualTo(PolicyEffect.REQUIRE_APPROVAL);
        assertThat(rules.evaluate(input(Map.of("payment", Map.of("amount", 1001))))
                        .effect())
                .isEqualTo(PolicyEffect.REQUIRE_APPROVAL);
        assertThat(rules.evaluate(input(Map.of("payment", Map.of("amount", 1000))))
                        .effect())
                .isNull();
        assertThat(rules.evaluate(input(Map.of("payment", Map.of("currency", "EUR"))))
                        .effect())
                .isNull();
        assertThat(rules.evaluate(input(Map.of())).effect()).isNull();
        PolicyOutcome fired = rules.evaluate(input(Map.of("payment", Map.of("amount", 5000))));
        assertThat(fired.fired().get(0).reason()).isEqualTo("payment.amount is above 1000");
        assertThat(fired.fired().get(0).approverRole()).isEqualTo("finance-approver");
    }

    @Test
    void amountCapTakesDecimalMaxAndBigDecimalInput() {
        CompiledPolicySet rules = set(
                "1", template("cap", RuleKind.AMOUNT_CAP, Map.of("path", "amount", "max", 99.5), PolicyEffect.DENY));
        assertThat(rules.evaluate(input(Map.of("amount", new java.math.BigDecimal("99.51"))))
                        .effect())
                .isEqualTo(PolicyEffect.DENY);
        assertThat(rules.evaluate(input(Map.of("amount", new java.math.BigDecimal("99"))))
                        .effect())
                .isNull();
    }

    @Test
    void domainAllowListAcceptsSubdomainsAndRejectsLookalikes() {
        CompiledPolicySet rules = set(
                "1",
                template(
                        "to",
                        RuleKind.DOMAIN_ALLOW,
                        Map.of("path", "to", "domains", List.of("Example.com", "partner.org")),
                        PolicyEffect.DENY));
        assertThat(rules.evaluate(input(Map.of("to", "a@example.com"))).effect())
                .isNull();
        assertThat(rules.evaluate(input(Map.of("to", "a@mail.EXAMPLE.com"))).effect())
                .isNull();
        assertThat(rules.evaluate(input(Map.of("to", "https://partner.org:8443/x?y=1")))
                        .effect())
                .isNull();
        assertThat(rules.evaluate(input(Map.of("to", List.of("a@example.com", "b@partner.org"))))
                        .effect())
                .isNull();
        assertThat(rules.evaluate(input(Map.of("to", "a@badexample.com"))).effect())
                .isEqualTo(PolicyEffect.DENY);
        assertThat(rules.evaluate(input(Map.of("to", "https://example.com.evil.net/")))
                        .effect())
                .isEqualTo(PolicyEffect.DENY);
        assertThat(rules.evaluate(input(Map.of("to", "https://example.com@evil.net/")))
                        .effect())
                .isEqualTo(PolicyEffect.DENY);
        assertThat(rules.evaluate(input(Map.of("to", List.of("a@example.com", "b@evil.net"))))
                        .effect())
                .isEqualTo(PolicyEffect.DENY);
        assertThat(rules.evaluate(input(Map.of("subject", "hi"))).effect()).isNull();
        PolicyOutcome wrongType = rules.evaluate(input(Map.of("to", 42L)));
        assertThat(wrongType.effect()).isEqualTo(PolicyEffect.DENY);
        assertThat(wrongType.errors()).singleElement().asString().contains("expected an email address");
    }

    @Test
    void domainDenyListFiresOnAnyListedHost() {
        CompiledPolicySet rules = set(
                "1",
                template(
                        "no-paste",
                        RuleKind.DOMAIN_DENY,
                        Map.of("path", "url", "domains", List.of("pastebin.com")),
                        PolicyEffect.ESCALATE));
        assertThat(rules.evaluate(input(Map.of("url", "https://pastebin.com/raw/1")))
                        .effect())
                .isEqualTo(PolicyEffect.ESCALATE);
        assertThat(rules.evaluate(input(Map.of("url", "http://www.PASTEBIN.com.")))
                        .effect())
                .isEqualTo(PolicyEffect.ESCALATE);
        assertThat(rules.evaluate(input(Map.of("url", "https://example.com/pastebin.com")))
                        .effect())
                .isNull();
        assertThat(rules.evaluate(input(Map.of("url", List.of("https://ok.example", "ftp://pastebin.com"))))
                        .effect())
                .isEqualTo(PolicyEffect.ESCALATE);
    }

    @Test
    void requiredFieldsFireWhenAnyIsMissingNullOrEmpty() {
        CompiledPolicySet rules = set(
                "1",
                template(
                        "need",
                        RuleKind.REQUIRED_FIELDS,
                        Map.of("paths", List.of("invoice_id", "vendor.iban")),
                        PolicyEffect.DENY));
        Map<String, Object> complete = Map.of("invoice_id", "INV-1", "vendor", Map.of("iban", "DE89"));
        assertThat(rules.evaluate(input(complete)).effect()).isNull();
        assertThat(rules.evaluate(input(Map.of("invoice_id", "INV-1"))).effect())
                .isEqualTo(PolicyEffect.DENY);
        assertThat(rules.evaluate(input(Map.of("invoice_id", "", "vendor", Map.of("iban", "DE89"))))
                        .effect())
                .isEqualTo(PolicyEffect.DENY);
        Map<String, Object> withNull = new HashMap<>(complete);
        withNull.put("invoice_id", null);
        assertThat(rules.evaluate(input(withNull)).effect()).isEqualTo(PolicyEffect.DENY);
        assertThat(rules.evaluate(input(Map.of("invoice_id", 7L, "vendor", Map.of("iban", "DE89"))))
                        .effect())
                .isNull();
        assertThat(rules.evaluate(input(complete)).errors()).isEmpty();
    }

    @Test
    void oneNestedRequiredFieldIsFoundWhereItIs() {
        CompiledPolicySet rules = set(
                "1",
                template(
                        "need-bic",
                        RuleKind.REQUIRED_FIELDS,
                        Map.of("paths", List.of("vendor.bic")),
                        PolicyEffect.DENY));
        for (int i = 0; i < 2; i++) { // and again, with what the first evaluation left cached
            assertThat(rules.evaluate(input(Map.of("vendor", Map.of("bic", "COBADEFF"))))
                            .effect())
                    .isNull();
            assertThat(rules.evaluate(input(Map.of("vendor", Map.of("iban", "DE89"))))
                            .effect())
                    .isEqualTo(PolicyEffect.DENY);
        }
    }

    @Test
    void rateLimitFiresWhenTheCounterReachesTheMaxAndFailsClosedWithoutIt() {
        CompiledPolicySet rules = set(
                "1",
                template(
                        "rl", RuleKind.RATE_LIMIT, Map.of("counter", "agent_minute", "max", 3), PolicyEffect.ESCALATE));
        PolicyInput base = input(Map.of());
        assertThat(rules.evaluate(withRate(base, Map.of("agent_minute", 2L))).effect())
                .isNull();
        assertThat(rules.evaluate(withRate(base, Map.of("agent_minute", 3L))).effect())
                .isEqualTo(PolicyEffect.ESCALATE);
        PolicyOutcome noCounter = rules.evaluate(withRate(base, Map.of()));
        assertThat(noCounter.effect()).isEqualTo(PolicyEffect.DENY);
        assertThat(noCounter.errors()).singleElement().asString().contains("agent_minute");
    }

    @Test
    void whenNarrowsATemplate() {
        CompiledPolicySet rules = set(
                "1",
                template(
                        "erp-cap",
                        RuleKind.AMOUNT_CAP,
                        Map.of("path", "amount", "max", 10, "when", "envelope.requestedAction.tool == 'erp'"),
                        PolicyEffect.DENY));
        assertThat(rules.evaluate(input(Map.of("amount", 11L))).effect()).isEqualTo(PolicyEffect.DENY);
        PolicyInput other = input(Map.of("amount", 11L));
        other = new PolicyInput(
                Map.of("requestedAction", Map.of("tool", "crm")),
                other.args(),
                other.agent(),
                other.task(),
                other.budget(),
                other.context(),
                other.rate());
        assertThat(rules.evaluate(other).effect()).isNull();
    }

    @Test
    void badParamsAreViolationsNamingTheParam() {
        assertViolations(template("x", RuleKind.AMOUNT_CAP, Map.of("path", "amount"), PolicyEffect.DENY), "params.max");
        assertViolations(
                template("x", RuleKind.AMOUNT_CAP, Map.of("path", "amount", "max", "1000"), PolicyEffect.DENY),
                "params.max");
        assertViolations(
                template("x", RuleKind.AMOUNT_CAP, Map.of("path", "a\"] || true || [\"", "max", 1), PolicyEffect.DENY),
                "params.path");
        assertViolations(
                template("x", RuleKind.AMOUNT_CAP, Map.of("path", "amount", "max", 1, "extra", 1), PolicyEffect.DENY),
                "params.extra");
        assertViolations(
                template("x", RuleKind.DOMAIN_ALLOW, Map.of("path", "to", "domains", List.of()), PolicyEffect.DENY),
                "params.domains");
        assertViolations(
                template(
                        "x",
                        RuleKind.DOMAIN_DENY,
                        Map.of("path", "to", "domains", List.of("evil.com\", \"x")),
                        PolicyEffect.DENY),
                "params.domains[0]");
        assertViolations(
                template("x", RuleKind.REQUIRED_FIELDS, Map.of("paths", "invoice_id"), PolicyEffect.DENY),
                "params.paths");
        assertViolations(
                template("x", RuleKind.RATE_LIMIT, Map.of("counter", "agent minute", "max", 1), PolicyEffect.DENY),
                "params.counter");
        assertViolations(
                template("x", RuleKind.RATE_LIMIT, Map.of("counter", "agent_minute", "max", 1.5), PolicyEffect.DENY),
                "params.max");
        assertViolations(
                template(
                        "x",
                        RuleKind.AMOUNT_CAP,
                        Map.of("path", "amount", "max", 1, "when", "envelope.tool =="),
                        PolicyEffect.DENY),
                "params.when");
        assertViolations(template("x", RuleKind.AMOUNT_CAP, null, PolicyEffect.DENY), "params.path", "params.max");
    }

    @Test
    void badRuleFieldsAreViolations() {
        assertViolations(
                new RuleDraft("Bad Id", "n", 1, RuleKind.EXPRESSION, null, "true", PolicyEffect.DENY, null, null, true),
                "ruleId");
        assertViolations(
                new RuleDraft("r", " ", 1, RuleKind.EXPRESSION, null, "true", PolicyEffect.DENY, null, null, true),
                "name");
        assertViolations(
                new RuleDraft("r", "n", -1, RuleKind.EXPRESSION, null, "true", PolicyEffect.DENY, null, null, true),
                "priority");
        assertViolations(new RuleDraft("r", "n", 1, null, null, "true", PolicyEffect.DENY, null, null, true), "kind");
        assertViolations(
                new RuleDraft("r", "n", 1, RuleKind.EXPRESSION, null, "true", null, null, null, true), "effect");
        assertViolations(
                new RuleDraft(
                        "r",
                        "n",
                        1,
                        RuleKind.EXPRESSION,
                        null,
                        "true",
                        PolicyEffect.REQUIRE_APPROVAL,
                        null,
                        null,
                        true),
                "approverRole");
        assertViolations(
                new RuleDraft("r", "n", 1, RuleKind.EXPRESSION, null, "true", PolicyEffect.DENY, "finance", null, true),
                "approverRole");
        assertViolations(
                new RuleDraft("r", "n", 1, RuleKind.EXPRESSION, null, null, PolicyEffect.DENY, null, null, true),
                "expression");
        assertViolations(
                new RuleDraft(
                        "r",
                        "n",
                        1,
                        RuleKind.EXPRESSION,
                        Map.of("max", 1),
                        "true",
                        PolicyEffect.DENY,
                        null,
                        null,
                        true),
                "params.max");
        assertViolations(
                new RuleDraft(
                        "r",
                        "n",
                        1,
                        RuleKind.AMOUNT_CAP,
                        Map.of("path", "a", "max", 1),
                        "true",
                        PolicyEffect.DENY,
                        null,
                        null,
                        true),
                "expression");
        assertThatThrownBy(() -> RuleValidator.validate(
                        new RuleDraft(
                                "other",
                                "n",
                                1,
                                RuleKind.EXPRESSION,
                                null,
                                "true",
                                PolicyEffect.DENY,
                                null,
                                null,
                                true),
                        "r"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactly("ruleId"));
    }

    @Test
    void defaultsAreApplied() {
        ValidRule rule = RuleValidator.validate(
                new RuleDraft(null, "n", null, RuleKind.EXPRESSION, null, "true", PolicyEffect.ALLOW, null, " ", null),
                "from-path");
        assertThat(rule.ruleId()).isEqualTo("from-path");
        assertThat(rule.priority()).isEqualTo(RuleValidator.DEFAULT_PRIORITY);
        assertThat(rule.enabled()).isTrue();
        assertThat(rule.reason()).isEqualTo("rule from-path matched");
    }

    private static void assertViolations(RuleDraft draft, String... fields) {
        assertThatThrownBy(() -> RuleValidator.validate(draft, null))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactlyInAnyOrder(fields));
    }

    private static PolicyInput withRate(PolicyInput base, Map<String, Object> rate) {
        return new PolicyInput(
                base.envelope(), base.args(), base.agent(), base.task(), base.budget(), base.context(), rate);
    }
}
