package dev.mandate.alert.entity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * An alert as the history shows it.
 *
 * @param key what in the rule's scope fired: the scope (e.g. {@code tool:erp}) or, for budget use, the budget
 * @param currentValue the metric at the latest evaluation
 * @param peakValue the highest value seen while it was open
 * @param limitValue the value above which the current window counts as a spike (mean + sensitivity ×
 *     deviation); null where no baseline applies
 * @param firingEvaluations how many evaluations found it firing (the first sent it, the others did not)
 */
public record Alert(
        String id,
        String tenant,
        String ruleId,
        String rule,
        AlertMetric metric,
        String key,
        AlertStatus status,
        BigDecimal currentValue,
        BigDecimal peakValue,
        BigDecimal baselineMean,
        BigDecimal baselineDeviation,
        BigDecimal limitValue,
        OffsetDateTime firedAt,
        OffsetDateTime lastFiringAt,
        int firingEvaluations,
        OffsetDateTime updatedAt,
        OffsetDateTime acknowledgedAt,
        String acknowledgedBy,
        String acknowledgeNote,
        OffsetDateTime resolvedAt,
        String resolvedBy,
        String resolutionReason) {

    public boolean open() {
        return status != AlertStatus.RESOLVED;
    }
}
