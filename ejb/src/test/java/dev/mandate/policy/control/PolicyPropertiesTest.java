package dev.mandate.policy.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.policy.entity.PolicyEffect;
import dev.mandate.policy.entity.RuleKind;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Properties of the engine that must hold for any input. */
class PolicyPropertiesTest {

    /** Expressions that compile but fail at runtime for some inputs. */
    private static final List<String> FRAGILE = List.of(
            "args.amount > 10",
            "args.x / args.y > 1",
            "args.list[5] == 'a'",
            "args.flag",
            "int(args.text) > 3",
            "args.a.b.c == 1",
            "anyHostIn(args.to, ['a.com'])",
            "rate.agent_minute >= 1");

    @Property(tries = 300)
    void aRuleThatFailsToEvaluateNeverYieldsAllow(
            @ForAll("fragile") String expression,
            @ForAll("effects") PolicyEffect effect,
            @ForAll("argMaps") Map<String, Object> args) {
        CompiledPolicySet rules = Rules.set("1", Rules.expression("r", 1, expression, effect));
        PolicyOutcome outcome = rules.evaluate(Rules.input(args));
        if (!outcome.errors().isEmpty()) {
            assertThat(outcome.effect()).isEqualTo(PolicyEffect.DENY);
            assertThat(outcome.fired()).allSatisfy(f -> assertThat(f.reason()).startsWith("RULE_ERROR: "));
        } else if (!outcome.fired().isEmpty()) {
            assertThat(outcome.effect()).isEqualTo(effect);
        } else {
            assertThat(outcome.effect()).isNull();
        }
    }

    @Property(tries = 500)
    void randomTextAsAnExpressionIsEitherAValidRuleOrAValidationError(@ForAll @StringLength(max = 80) String text) {
        try {
            ValidRule rule = RuleValidator.validate(Rules.expression("r", 1, text, PolicyEffect.DENY), null);
            assertThat(rule.expression()).isEqualTo(text);
        } catch (InvalidRequestException rejected) {
            assertThat(rejected.violations()).isNotEmpty();
        }
    }

    @Property(tries = 300)
    void celLookingTextIsEitherAValidRuleOrAValidationError(@ForAll("celish") String text) {
        try {
            RuleValidator.validate(Rules.expression("r", 1, text, PolicyEffect.DENY), null);
        } catch (InvalidRequestException rejected) {
            assertThat(rejected.violations()).singleElement().satisfies(v -> assertThat(v.field())
                    .isEqualTo("expression"));
        }
    }

    @Property(tries = 200)
    void textInArgumentsNeverChangesTheOutcomeOfRulesThatDoNotReadIt(@ForAll @StringLength(max = 200) String text) {
        CompiledPolicySet rules = Rules.set(
                "1",
                Rules.template(
                        "cap",
                        RuleKind.AMOUNT_CAP,
                        Map.of("path", "amount", "max", 100),
                        PolicyEffect.REQUIRE_APPROVAL));
        PolicyOutcome outcome = rules.evaluate(Rules.input(Map.of("amount", 50L, "note", text, "memo", text)));
        assertThat(outcome.effect()).isNull();
        assertThat(outcome.errors()).isEmpty();
    }

    @Provide
    Arbitrary<String> fragile() {
        return Arbitraries.of(FRAGILE);
    }

    @Provide
    Arbitrary<PolicyEffect> effects() {
        return Arbitraries.of(PolicyEffect.class);
    }

    @Provide
    Arbitrary<Map<String, Object>> argMaps() {
        Arbitrary<Object> values = Arbitraries.oneOf(
                Arbitraries.longs().between(-5, 50).map(l -> (Object) l),
                Arbitraries.doubles().between(-5, 50).map(d -> (Object) d),
                Arbitraries.strings().alpha().ofMaxLength(5).map(s -> (Object) s),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just((Object) List.of("a")),
                Arbitraries.just((Object) Map.of("b", Map.of("c", 1L))));
        return Arbitraries.maps(Arbitraries.of("amount", "x", "y", "list", "flag", "text", "a", "to"), values)
                .ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> celish() {
        Arbitrary<String> token = Arbitraries.of(
                "args",
                "envelope",
                ".",
                "amount",
                "(",
                ")",
                "[",
                "]",
                "'x'",
                "\"",
                "1",
                "2.5",
                "true",
                "null",
                "&&",
                "||",
                "!",
                "==",
                "<",
                ">",
                "+",
                "/",
                "in",
                "has(",
                "exists(",
                ",",
                "?",
                ":",
                "size(",
                "matches(",
                "'(a+)+$'",
                "now",
                "timestamp(",
                "duration(",
                "'1s'",
                "\\",
                "{",
                "}",
                "e",
                "x",
                "-");
        return token.list().ofMaxSize(25).map(tokens -> String.join(" ", tokens));
    }
}
