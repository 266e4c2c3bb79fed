package dev.mandate.policy.control;

import dev.mandate.policy.entity.PolicyEffect;
import dev.mandate.policy.entity.RuleKind;
import java.util.Map;

/** A rule that passed validation: defaults applied, params normalised, the CEL expression final. */
public record ValidRule(
        String ruleId,
        String name,
        int priority,
        RuleKind kind,
        Map<String, Object> params,
        String expression,
        PolicyEffect effect,
        String approverRole,
        String reason,
        boolean enabled) {}
