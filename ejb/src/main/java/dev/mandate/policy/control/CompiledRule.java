package dev.mandate.policy.control;

import dev.mandate.policy.entity.PolicyEffect;
import dev.mandate.policy.entity.RuleKind;
import java.util.Comparator;

/**
 * A rule ready to evaluate. {@code condition} is null when the stored expression no longer compiles
 * (for example after a library upgrade); such a rule then denies with {@code failure} as its error,
 * every time, instead of being skipped.
 */
public record CompiledRule(
        String ruleId,
        int version,
        int priority,
        PolicyEffect effect,
        String approverRole,
        String reason,
        RuleCondition condition,
        String failure) {

    /** The deterministic evaluation order: priority ascending, then rule id. */
    public static final Comparator<CompiledRule> ORDER =
            Comparator.comparingInt(CompiledRule::priority).thenComparing(CompiledRule::ruleId);

    public static CompiledRule of(ValidRule rule, int version) {
        try {
            return new CompiledRule(
                    rule.ruleId(),
                    version,
                    rule.priority(),
                    rule.effect(),
                    rule.approverRole(),
                    rule.reason(),
                    condition(rule),
                    null);
        } catch (RuleCompileException broken) {
            return new CompiledRule(
                    rule.ruleId(),
                    version,
                    rule.priority(),
                    rule.effect(),
                    rule.approverRole(),
                    rule.reason(),
                    null,
                    "does not compile: " + broken.getMessage());
        }
    }

    /**
     * The stored expression always compiles first, so a rule that is broken as stored stays broken. A
     * template rule whose params generate exactly its stored expression then runs its Java check (see
     * {@link RuleCondition}); anything else runs the CEL program.
     */
    private static RuleCondition condition(ValidRule rule) {
        PolicyLanguage language = PolicyLanguage.get();
        var program = language.compile(rule.expression());
        if (rule.kind() != null && rule.kind() != RuleKind.EXPRESSION && rule.params() != null) {
            RuleTemplates.Generated generated = RuleTemplates.generate(rule.kind(), rule.params());
            if (generated.check() != null && rule.expression().equals(generated.expression())) {
                if (generated.when() == null) {
                    return generated.check();
                }
                try {
                    return RuleCondition.narrowed(
                            generated.when(), language.compile(generated.when()), generated.check());
                } catch (RuleCompileException notBoolOnItsOwn) {
                    // e.g. a 'when' of type dyn, fine inside '&&' but not as a rule by itself: keep CEL
                    return RuleCondition.cel(program);
                }
            }
        }
        return RuleCondition.cel(program);
    }
}
