package dev.mandate.jobs.execution.entity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job execution as the job repository has it, with its steps, and the figures its steps report (each
 * step's persistent user data that is a map of names to numbers or text, merged in step order).
 */
public record JobRun(
        long id,
        long instanceId,
        String jobName,
        String batchStatus,
        String exitStatus,
        Instant createTime,
        Instant startTime,
        Instant endTime,
        Map<String, String> parameters,
        List<StepRun> steps,
        Map<String, Object> figures) {}
