package dev.mandate.jobs.execution.entity;

import java.time.Instant;

/** One of a tenant's executions in its list: what started it, and where the job repository has it. */
public record JobRunSummary(
        long id,
        String jobName,
        StartedBy startedBy,
        String batchStatus,
        String exitStatus,
        Instant createTime,
        Instant endTime) {}
