package dev.mandate.jobs.execution.entity;

import java.time.Instant;
import java.util.Map;

/**
 * One step of a job execution as the job repository has it: status, times, the runtime's counts
 * ({@code readCount}, {@code writeCount}, {@code commitCount}, {@code rollbackCount}, ...) and the figures
 * the step reported (empty when none).
 */
public record StepRun(
        String name,
        String batchStatus,
        String exitStatus,
        Instant startTime,
        Instant endTime,
        Map<String, Long> metrics,
        Map<String, Object> figures) {}
