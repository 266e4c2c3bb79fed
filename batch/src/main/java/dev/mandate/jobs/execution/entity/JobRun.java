package dev.mandate.jobs.execution.entity;

import java.time.Instant;
import java.util.List;

/** A job execution as the job repository has it, with its steps. */
public record JobRun(
        long id,
        long instanceId,
        String jobName,
        String batchStatus,
        String exitStatus,
        Instant createTime,
        Instant startTime,
        Instant endTime,
        List<StepRun> steps) {}
