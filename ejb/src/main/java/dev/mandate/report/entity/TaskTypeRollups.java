package dev.mandate.report.entity;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The cost and outcome rollup of one task type over a span of days, summed over its days and agents: rows,
 * tasks, the latest day, and the highest daily p95 of cost per resolved task and of latency.
 *
 * @param costPerResolvedP95 null when no day had a resolved task
 * @param latencyP95Millis null when no day had a finished task
 */
public record TaskTypeRollups(
        String taskType,
        long rows,
        long tasks,
        LocalDate latestDay,
        BigDecimal costPerResolvedP95,
        Long latencyP95Millis) {}
