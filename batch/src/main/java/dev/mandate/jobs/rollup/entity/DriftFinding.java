package dev.mandate.jobs.rollup.entity;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One metric of one task type, the recent window against the reference window. {@code change} is recent −
 * reference (rates), or (recent − reference) / reference (cost per task); flagged when it moves the worse
 * way by more than the threshold. Without both values there is no change and no flag.
 */
public record DriftFinding(
        String taskType,
        DriftMetric metric,
        BigDecimal recent,
        BigDecimal reference,
        BigDecimal change,
        BigDecimal threshold,
        boolean flagged,
        long recentTasks,
        long referenceTasks) {

    public static DriftFinding of(
            String taskType, DriftMetric metric, DriftWindow recent, DriftWindow reference, BigDecimal threshold) {
        BigDecimal now = recent.value(metric);
        BigDecimal before = reference.value(metric);
        BigDecimal change = null;
        if (now != null && before != null) {
            if (!metric.relative()) {
                change = now.subtract(before);
            } else if (before.signum() != 0) {
                change = now.subtract(before).divide(before, RollupRow.SCALE, RoundingMode.HALF_UP);
            }
        }
        boolean flagged = change != null
                && change.multiply(BigDecimal.valueOf(metric.worse())).compareTo(threshold) > 0;
        return new DriftFinding(
                taskType, metric, now, before, change, threshold, flagged, recent.tasks(), reference.tasks());
    }
}
