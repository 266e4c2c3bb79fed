package dev.mandate.taxonomy.entity;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/** Everything a platform owner says about a task type. Limits and targets may be null (none). */
public record TaskTypeDefinition(
        String key,
        String workflow,
        String name,
        String definition,
        String successCriteria,
        RiskLevel riskLevel,
        Set<AllowedTool> allowedTools,
        List<RefusalCondition> refusalConditions,
        Targets targets,
        Limits limits,
        boolean shadowMode,
        /* the confidence (0 to 1) an agent must report for an action to proceed without a person; null: none */
        BigDecimal minConfidence) {

    public record Targets(BigDecimal successRate, BigDecimal escalationRate, Long p95Millis, BigDecimal costPerTask) {}

    /** Per-request budget: what one task id may consume across all its envelopes. */
    public record Limits(Integer maxModelCalls, Integer maxToolCalls, BigDecimal maxCostPerTask) {}
}
