package dev.mandate.jobs.rollup.entity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
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

    /** The figures of one group of tasks (all of one day, task type and agent). */
    public static RollupRow of(
            LocalDate day,
            String workflow,
            String taskType,
            String agentId,
            Collection<TaskFacts> tasks,
            Targets targets,
            RoiInputs baseline) {
        BigDecimal rate = baseline == null ? null : baseline.hourlyRate();
        int[] states = new int[TaskState.values().length];
        BigDecimal model = BigDecimal.ZERO;
        BigDecimal tool = BigDecimal.ZERO;
        BigDecimal reviewHours = BigDecimal.ZERO;
        BigDecimal total = BigDecimal.ZERO;
        int envelopes = 0;
        int deniedEnvelopes = 0;
        int toolCalls = 0;
        int retries = 0;
        List<BigDecimal> resolvedCosts = new java.util.ArrayList<>();
        List<BigDecimal> latencies = new java.util.ArrayList<>();
        for (TaskFacts task : tasks) {
            TaskState state = task.state();
            states[state.ordinal()]++;
            BigDecimal cost = task.cost(rate);
            model = model.add(task.modelCost());
            tool = tool.add(task.toolCost());
            reviewHours = reviewHours.add(task.reviewHours());
            total = total.add(cost);
            envelopes = Math.addExact(envelopes, task.envelopes());
            deniedEnvelopes = Math.addExact(deniedEnvelopes, task.deniedEnvelopes());
            toolCalls = Math.addExact(toolCalls, task.toolCalls());
            retries = Math.addExact(retries, task.retries());
            if (state == TaskState.RESOLVED) {
                resolvedCosts.add(cost);
            }
            Long latency = task.latencyMillis();
            if (latency != null) {
                latencies.add(BigDecimal.valueOf(latency));
            }
        }
        int count = tasks.size();
        int resolved = states[TaskState.RESOLVED.ordinal()];
        BigDecimal costPerTask = ratio(total, count);
        return new RollupRow(
                day,
                workflow,
                taskType,
                agentId,
                count,
                resolved,
                states[TaskState.ESCALATED.ordinal()],
                states[TaskState.FAILED.ordinal()],
                states[TaskState.DENIED.ordinal()],
                states[TaskState.ABANDONED.ordinal()],
                states[TaskState.OPEN.ordinal()],
                envelopes,
                deniedEnvelopes,
                toolCalls,
                retries,
                ratio(BigDecimal.valueOf(resolved), count),
                ratio(BigDecimal.valueOf(states[TaskState.ESCALATED.ordinal()]), count),
                Objects.requireNonNullElse(targets, Targets.NONE),
                scaled(model),
                scaled(tool),
                scaled(reviewHours),
                rate == null
                        ? scaled(BigDecimal.ZERO)
                        : scaled(total.subtract(model).subtract(tool)),
                scaled(total),
                costPerTask,
                scaled(Percentiles.of(resolvedCosts, 0.5)),
                scaled(Percentiles.of(resolvedCosts, 0.95)),
                millis(Percentiles.of(latencies, 0.5)),
                millis(Percentiles.of(latencies, 0.95)),
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
