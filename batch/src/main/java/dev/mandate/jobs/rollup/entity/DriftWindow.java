package dev.mandate.jobs.rollup.entity;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** One task type's totals over a window of days, summed from the rollup. */
public record DriftWindow(
        long tasks, long resolved, long escalated, long envelopes, long deniedEnvelopes, BigDecimal totalCost) {

    public static final DriftWindow EMPTY = new DriftWindow(0, 0, 0, 0, 0, BigDecimal.ZERO);

    /** The window's value of a metric; null when the window has nothing to divide by. */
    public BigDecimal value(DriftMetric metric) {
        return switch (metric) {
            case SUCCESS_RATE -> ratio(BigDecimal.valueOf(resolved), tasks);
            case ESCALATION_RATE -> ratio(BigDecimal.valueOf(escalated), tasks);
            case DENIAL_RATE -> ratio(BigDecimal.valueOf(deniedEnvelopes), envelopes);
            case COST_PER_TASK -> ratio(totalCost, tasks);
        };
    }

    private static BigDecimal ratio(BigDecimal part, long whole) {
        return whole == 0 ? null : part.divide(BigDecimal.valueOf(whole), RollupRow.SCALE, RoundingMode.HALF_UP);
    }
}
