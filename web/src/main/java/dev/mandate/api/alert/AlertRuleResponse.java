package dev.mandate.api.alert;

import dev.mandate.alert.entity.AlertRule;
import dev.mandate.alert.entity.AlertRuleSpec;
import java.math.BigDecimal;

/** A rule as answered (its version is also the ETag). */
public record AlertRuleResponse(
        String name,
        String metric,
        String scope,
        String scopeValue,
        int windowSeconds,
        int baselineWindows,
        BigDecimal sensitivity,
        int minCount,
        BigDecimal threshold,
        boolean enabled,
        long version,
        String createdAt,
        String createdBy,
        String updatedAt,
        String updatedBy,
        String lastEvaluatedAt) {

    static AlertRuleResponse of(AlertRule rule) {
        AlertRuleSpec s = rule.spec();
        return new AlertRuleResponse(
                rule.name(),
                s.metric().name(),
                s.scope().name(),
                s.scopeValue(),
                s.windowSeconds(),
                s.baselineWindows(),
                s.sensitivity(),
                s.minCount(),
                s.threshold(),
                s.enabled(),
                rule.version(),
                rule.createdAt().toString(),
                rule.createdBy(),
                rule.updatedAt().toString(),
                rule.updatedBy(),
                rule.lastEvaluatedAt() == null ? null : rule.lastEvaluatedAt().toString());
    }
}
