package dev.mandate.jobs.rollup.entity;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One day's tasks of one task type and agent, summed up by the database ({@code RollupSources}): how many
 * ended how (as reported, else as Mandate saw it), what they used and cost, and the percentiles of the resolved tasks'
 * cost and of all tasks' time to complete. A task's cost is the model usage its agent reported, every tool
 * call and retry the proxy metered, and people's review time at the baseline's hourly rate (to 6 decimals).
 *
 * @param reviewHours people's review time in hours, each task's to 6 decimals
 * @param resolvedCostP50 null when no task was resolved
 * @param latencyP50Millis null when no task has a time to complete (all still open)
 */
public record TaskGroup(
        LocalDate day,
        String taskType,
        String agentId,
        long tasks,
        long resolved,
        long escalated,
        long failed,
        long abandoned,
        long denied,
        long open,
        long envelopes,
        long deniedEnvelopes,
        long toolCalls,
        long retries,
        BigDecimal modelCost,
        BigDecimal toolCost,
        BigDecimal reviewHours,
        BigDecimal totalCost,
        BigDecimal resolvedCostP50,
        BigDecimal resolvedCostP95,
        BigDecimal latencyP50Millis,
        BigDecimal latencyP95Millis) {}
