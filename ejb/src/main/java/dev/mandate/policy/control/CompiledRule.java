package dev.mandate.policy.control;

import dev.cel.runtime.CelRuntime;
import java.util.Comparator;

/**
 * A rule ready to evaluate. {@code program} is null when the stored expression no longer compiles
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
        CelRuntime.Program program,
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
                    PolicyLanguage.get().compile(rule.expression()),
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
}
