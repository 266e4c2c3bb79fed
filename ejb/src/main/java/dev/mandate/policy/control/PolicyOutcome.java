package dev.mandate.policy.control;

import dev.mandate.policy.entity.PolicyEffect;
import java.util.List;

/**
 * The policy part of a decision. {@code effect} is the strongest fired effect, or {@code null} when no
 * rule fired (the caller then applies its tier defaults). {@code errors} names the rules that failed to
 * evaluate; each of them also appears in {@code fired} as a DENY with reason {@code "RULE_ERROR: <message>"}.
 */
public record PolicyOutcome(PolicyEffect effect, List<FiredRule> fired, String policyVersion, List<String> errors) {

    public PolicyOutcome {
        fired = List.copyOf(fired);
        errors = List.copyOf(errors);
    }
}
