package dev.mandate.api.policy;

import dev.mandate.policy.control.RuleParams;
import dev.mandate.policy.entity.PolicyEffect;
import dev.mandate.policy.entity.PolicyRule;
import dev.mandate.policy.entity.RuleContent;
import dev.mandate.policy.entity.RuleKind;
import java.time.OffsetDateTime;
import java.util.Map;

/** A rule's current version; {@code version} is also its ETag. */
public record PolicyRuleResponse(
        String ruleId,
        int version,
        String name,
        int priority,
        RuleKind kind,
        Map<String, Object> params,
        String expression,
        PolicyEffect effect,
        String approverRole,
        String reason,
        boolean enabled,
        OffsetDateTime createdAt,
        String createdBy,
        OffsetDateTime updatedAt,
        String updatedBy) {

    static PolicyRuleResponse of(PolicyRule rule) {
        RuleContent c = rule.content();
        return new PolicyRuleResponse(
                rule.ruleId(),
                rule.ruleVersion(),
                c.name(),
                c.priority(),
                c.kind(),
                RuleParams.fromJson(c.paramsJson()),
                c.expression(),
                c.effect(),
                c.approverRole(),
                c.reason(),
                c.enabled(),
                rule.createdAt(),
                rule.createdBy(),
                rule.updatedAt(),
                rule.updatedBy());
    }
}
