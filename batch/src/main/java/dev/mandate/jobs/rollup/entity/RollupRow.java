package dev.mandate.jobs.rollup.entity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of the rollup: one day's tasks of one task type and agent, counted by how they ended, with their
 * costs, percentiles and ROI. Rates and money to 6 decimals, latencies in whole ms.
 */
public record RollupRow(
        LocalDate day,
        String workflow,
        String taskType,
        String agentId,
        int tasks,
        int resolved,
        int escalated,
        int failed,
        int denied,
        int abandoned,
        int open,
        int envelopes,
        int deniedEnvelopes,
        int toolCalls,
        int retries,
        BigDecimal successRate,
        BigDecimal escalationRate,
        Targets targets,
        BigDecimal modelCost,
        BigDecimal toolCost,
        BigDecimal reviewHours,
        BigDecimal reviewCost,
        BigDecimal totalCost,
        BigDecimal costPerTask,
        BigDecimal resolvedCostP50,
        BigDecimal resolvedCostP95,
        Long latencyP50Millis,
        Long latencyP95Millis,
        Roi roi) {

    static final int SCALE = 6;

    /** The task type's targets; either may be unset. */
    public record Targets(BigDecimal successRate, BigDecimal escalationRate) {
        public static final Targets NONE = new Targets(null, null);
    }

    /**
     * The row of one group of tasks (all of one day, task type and agent). A count past 32 bits throws
     * {@link ArithmeticException}.
     */
    public static RollupRow of(String workflow, TaskGroup group, Targets targets, RoiInputs baseline) {
        int count = Math.toIntExact(group.tasks());
        int resolved = Math.toIntExact(group.resolved());
        int escalated = Math.toIntExact(group.escalated());
        BigDecimal costPerTask = ratio(group.totalCost(), count);
        boolean rated = baseline != null && baseline.hourlyRate() != null;
        return new RollupRow(
                group.day(),
                workflow,
                group.taskType(),
                group.agentId(),
                count,
                resolved,
                escalated,
                Math.toIntExact(group.failed()),
                Math.toIntExact(group.denied()),
                Math.toIntExact(group.abandoned()),
                Math.toIntExact(group.open()),
                Math.toIntExact(group.envelopes()),
                Math.toIntExact(group.deniedEnvelopes()),
                Math.toIntExact(group.toolCalls()),
                Math.toIntExact(group.retries()),
                ratio(BigDecimal.valueOf(resolved), count),
                ratio(BigDecimal.valueOf(escalated), count),
                Objects.requireNonNullElse(targets, Targets.NONE),
                scaled(group.modelCost()),
                scaled(group.toolCost()),
                scaled(group.reviewHours()),
                rated
                        ? scaled(group.totalCost().subtract(group.modelCost()).subtract(group.toolCost()))
                        : scaled(BigDecimal.ZERO),
                scaled(group.totalCost()),
                costPerTask,
                scaled(group.resolvedCostP50()),
                scaled(group.resolvedCostP95()),
                millis(group.latencyP50Millis()),
                millis(group.latencyP95Millis()),
                baseline == null ? null : Roi.of(resolved, costPerTask, baseline));
    }

    /** Whether the success rate meets its target (null: no target). */
    public Boolean meetsSuccessTarget() {
        return targets.successRate() == null ? null : successRate.compareTo(targets.successRate()) >= 0;
    }

    /** Whether escalations stay within their budget (null: no target). */
    public Boolean withinEscalationBudget() {
        return targets.escalationRate() == null ? null : escalationRate.compareTo(targets.escalationRate()) <= 0;
    }

    static BigDecimal ratio(BigDecimal part, int whole) {
        return whole == 0
                ? BigDecimal.ZERO.setScale(SCALE)
                : part.divide(BigDecimal.valueOf(whole), SCALE, RoundingMode.HALF_UP);
    }

    static BigDecimal scaled(BigDecimal value) {
        return value == null ? null : value.setScale(SCALE, RoundingMode.HALF_UP);
    }

    private static Long millis(BigDecimal value) {
        return value == null ? null : value.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
