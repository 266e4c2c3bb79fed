package dev.mandate.jobs.execution.entity;

import java.time.Instant;
import java.util.Map;

/**
 * One step of a job execution as the job repository has it: status, times and the runtime's counts
 * ({@code readCount}, {@code writeCount}, {@code commitCount}, {@code rollbackCount}, ...).
 */
public record StepRun(
        String name,
        String batchStatus,
        String exitStatus,
        Instant startTime,
        Instant endTime,
        Map<String, Long> metrics) {}
