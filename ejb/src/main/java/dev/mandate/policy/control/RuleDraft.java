package dev.mandate.policy.control;

import dev.mandate.policy.entity.PolicyEffect;
import dev.mandate.policy.entity.RuleKind;
import java.util.Map;

/**
 * A rule as an admin writes it, before validation. {@code expression} is given only for
 * {@link RuleKind#EXPRESSION}; templates generate it from {@code params}. Nullable boxed fields take
 * their defaults (priority 100, enabled true).
 */
public record RuleDraft(
        String ruleId,
        String name,
        Integer priority,
        RuleKind kind,
        Map<String, Object> params,
        String expression,
        PolicyEffect effect,
        String approverRole,
        String reason,
        Boolean enabled) {}
