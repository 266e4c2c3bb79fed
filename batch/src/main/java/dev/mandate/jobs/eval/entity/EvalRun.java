package dev.mandate.jobs.eval.entity;

import java.time.Instant;

/**
 * One replay of a dataset version by an agent version, and the job instance that runs it. {@code figures}
 * once COMPLETED; the policy version and configuration generation the cases were decided at.
 */
public record EvalRun(
        String id,
        String datasetVersionId,
        String dataset,
        int datasetVersion,
        String agentId,
        String agentVersion,
        Long jobInstanceId,
        String status,
        String policyVersion,
        String configGeneration,
        RunFigures figures,
        String createdBy,
        Instant createdAt,
        Instant finishedAt) {

    public static final String STARTING = "STARTING";
    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
}
