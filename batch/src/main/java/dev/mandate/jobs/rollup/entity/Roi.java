package dev.mandate.jobs.rollup.entity;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Return on the resolved tasks, with its inputs: {@code resolved × (baseline cost per item − Mandate's cost
 * per task) + hours saved × hourly rate}, where hours saved are the resolved tasks' baseline handling time.
 * People's review time is not subtracted from the hours saved: it is already in Mandate's cost per task.
 */
public record Roi(
        int resolved,
        BigDecimal baselineCostPerItem,
        BigDecimal costPerTask,
        BigDecimal hoursSaved,
        BigDecimal hourlyRate,
        BigDecimal value) {

    public static Roi of(int resolved, BigDecimal costPerTask, RoiInputs baseline) {
        BigDecimal count = BigDecimal.valueOf(resolved);
        BigDecimal hours = count.multiply(baseline.handlingMinutes())
                .divide(BigDecimal.valueOf(60), RollupRow.SCALE, RoundingMode.HALF_UP);
        BigDecimal value = count.multiply(baseline.costPerItem().subtract(costPerTask))
                .add(hours.multiply(baseline.hourlyRate()))
                .setScale(RollupRow.SCALE, RoundingMode.HALF_UP);
        return new Roi(resolved, baseline.costPerItem(), costPerTask, hours, baseline.hourlyRate(), value);
    }
}
