package dev.mandate.api.policy;

import dev.mandate.policy.control.RuleParams;
import dev.mandate.policy.entity.PolicyEffect;
import dev.mandate.policy.entity.PolicyRuleVersion;
import dev.mandate.policy.entity.RuleChange;
import dev.mandate.policy.entity.RuleContent;
import dev.mandate.policy.entity.RuleKind;
import java.time.OffsetDateTime;
import java.util.Map;

/** One version of a rule: what it said, the change, and the policy version it produced. */
public record PolicyRuleVersionResponse(
        String ruleId,
        int version,
        RuleChange change,
        String policyVersion,
        String name,
        int priority,
        RuleKind kind,
        Map<String, Object> params,
        String expression,
        PolicyEffect effect,
        String approverRole,
        String reason,
        boolean enabled,
        OffsetDateTime changedAt,
        String changedBy) {

    static PolicyRuleVersionResponse of(PolicyRuleVersion v) {
        RuleContent c = v.content();
        return new PolicyRuleVersionResponse(
                v.ruleId(),
                v.ruleVersion(),
                v.change(),
                Long.toString(v.policyVersion()),
                c.name(),
                c.priority(),
                c.kind(),
                RuleParams.fromJson(c.paramsJson()),
                c.expression(),
                c.effect(),
                c.approverRole(),
                c.reason(),
                c.enabled(),
                v.changedAt(),
                v.changedBy());
    }
}
