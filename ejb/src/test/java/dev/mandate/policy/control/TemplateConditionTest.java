package dev.mandate.policy.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.runtime.CelVariableResolver;
import dev.mandate.policy.entity.PolicyEffect;
import dev.mandate.policy.entity.RuleKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Template rules run as Java checks (RuleCondition); their stored form is generated CEL. For any input
 * both must agree: the same bool, or both an error.
 */
class TemplateConditionTest {

    private static final List<String> WHENS = List.of(
            "",
            "envelope.requestedAction.tool == 'erp'",
            "envelope.requestedAction.action == \"pay\"",
            " envelope.requestedAction.tool == 'crm' ",
            "envelope.requestedAction.tool == 'erp' || args.flag",
            "task.tool == 'erp'",
            "task.action == 'pay'",
            "args.flag",
            "1 / args.zero == 1");

    @Property(tries = 1000)
    void javaCheckAndGeneratedCelAgree(
            @ForAll("templates") Map.Entry<RuleKind, Map<String, Object>> template,
            @ForAll("whens") String when,
            @ForAll("argMaps") Map<String, Object> args,
            @ForAll("rates") Map<String, Object> rate,
            @ForAll("requestedActions") Map<String, Object> requested) {
        Map<String, Object> params = new HashMap<>(template.getValue());
        if (!when.isEmpty()) {
            params.put("when", when);
        }
        ValidRule rule =
                RuleValidator.validate(Rules.template("t", template.getKey(), params, PolicyEffect.DENY), null);
        RuleCondition java = CompiledRule.of(rule, 1).condition();
        RuleCondition cel = RuleCondition.cel(PolicyLanguage.get().compile(rule.expression()));
        Map<String, Object> variables = new HashMap<>();
        variables.put("args", PolicyValues.map(args));
        variables.put("rate", PolicyValues.map(rate));
        variables.put("envelope", Map.of("requestedAction", requested));
        variables.put("task", requested); // the decision path's task map holds tool and action too
        CelVariableResolver resolver = name -> Optional.ofNullable(variables.get(name));

        assertThat(java).as("a template rule runs as a Java check").isNotInstanceOf(celClass());
        assertThat(outcome(java, resolver)).isEqualTo(outcome(cel, resolver));
    }

    private static Class<?> celClass() {
        return RuleCondition.cel(PolicyLanguage.get().compile("true")).getClass();
    }

    private static String outcome(RuleCondition condition, CelVariableResolver variables) {
        try {
            return String.valueOf(condition.evaluate(variables));
        } catch (Exception failed) {
            return "error";
        }
    }

    @Provide
    Arbitrary<Map.Entry<RuleKind, Map<String, Object>>> templates() {
        return Arbitraries.of(
                Map.entry(RuleKind.AMOUNT_CAP, Map.<String, Object>of("path", "amount", "max", 10L)),
                Map.entry(RuleKind.AMOUNT_CAP, Map.<String, Object>of("path", "args.payment.amount", "max", 2.5)),
                Map.entry(
                        RuleKind.DOMAIN_ALLOW, Map.<String, Object>of("path", "to", "domains", List.of("Example.COM"))),
                Map.entry(
                        RuleKind.DOMAIN_DENY,
                        Map.<String, Object>of("path", "to", "domains", List.of(" pastebin.com", "evil.org"))),
                Map.entry(
                        RuleKind.REQUIRED_FIELDS,
                        Map.<String, Object>of("paths", List.of("amount", "args.payment.amount"))),
                Map.entry(RuleKind.RATE_LIMIT, Map.<String, Object>of("counter", "agent_minute", "max", 3L)));
    }

    @Provide
    Arbitrary<Map<String, Object>> requestedActions() {
        return Arbitraries.of(
                Map.of("tool", "erp", "action", "pay"),
                Map.of("tool", "crm", "action", "update"),
                Map.of("action", "pay"),
                Map.of("tool", 5L, "action", List.of("pay")));
    }

    @Provide
    Arbitrary<String> whens() {
        return Arbitraries.of(WHENS);
    }

    @Provide
    Arbitrary<Map<String, Object>> argMaps() {
        Arbitrary<Object> values = Arbitraries.oneOf(
                Arbitraries.longs().between(-5, 20).map(l -> (Object) l),
                Arbitraries.doubles().between(-5, 20).map(d -> (Object) d),
                Arbitraries.of("", "x", "ap@example.com", "https://a.pastebin.com/x", "bob@evil.org")
                        .map(s -> (Object) s),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just((Object) List.of("ap@example.com", "x@other.net")),
                Arbitraries.longs().between(0, 20).map(l -> (Object) Map.of("amount", l)),
                Arbitraries.just((Object) Map.of("amount", "ten")));
        return Arbitraries.maps(Arbitraries.of("amount", "payment", "to", "flag", "zero"), values)
                .ofMaxSize(5);
    }

    @Provide
    Arbitrary<Map<String, Object>> rates() {
        return Combinators.combine(
                        Arbitraries.of(true, false), Arbitraries.longs().between(0, 6))
                .as((present, count) -> present ? Map.<String, Object>of("agent_minute", count) : Map.of());
    }
}
