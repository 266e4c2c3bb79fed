package dev.mandate.jobs.rollup.entity;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Everything the rollup knows of one task (an agent's task id): its envelopes, the executions the tool proxy
 * metered, the escalation items it raised, and the outcome reported for it, if any.
 *
 * @param reported the reported outcome's name, or null
 * @param completeSeconds the reported time to complete, or null
 * @param reviewSeconds people's time on the task as reported, 0 when none
 */
public record TaskFacts(
        String agentId,
        String taskId,
        String taskType,
        OffsetDateTime firstAt,
        OffsetDateTime lastAt,
        int envelopes,
        int deniedEnvelopes,
        int escalateDecisions,
        BigDecimal modelCost,
        int executions,
        int toolCalls,
        int retries,
        BigDecimal toolCost,
        int failedExecutions,
        int succeededExecutions,
        OffsetDateTime lastFinishedAt,
        int escalationItems,
        String reported,
        Long completeSeconds,
        long reviewSeconds) {

    /**
     * The reported outcome; without one, what Mandate saw: escalated (an ESCALATE decision or an item in the
     * escalation queue), else failed (an execution failed after its retries), else resolved (an execution
     * succeeded), else denied (every envelope denied), else still open.
     */
    public TaskState state() {
        if (reported != null) {
            return TaskState.valueOf(reported);
        }
        if (escalateDecisions > 0 || escalationItems > 0) {
            return TaskState.ESCALATED;
        }
        if (failedExecutions > 0) {
            return TaskState.FAILED;
        }
        if (succeededExecutions > 0) {
            return TaskState.RESOLVED;
        }
        if (envelopes > 0 && deniedEnvelopes == envelopes) {
            return TaskState.DENIED;
        }
        return TaskState.OPEN;
    }

    /**
     * Time to complete in ms: as reported; without a report, from the first envelope to the last thing
     * Mandate saw of the task (an envelope or an execution's end); none for a task still open.
     */
    public Long latencyMillis() {
        if (completeSeconds != null) {
            return completeSeconds * 1000;
        }
        if (state() == TaskState.OPEN) {
            return null;
        }
        OffsetDateTime last = lastFinishedAt != null && lastFinishedAt.isAfter(lastAt) ? lastFinishedAt : lastAt;
        return Duration.between(firstAt, last).toMillis();
    }

    public BigDecimal reviewHours() {
        return BigDecimal.valueOf(reviewSeconds).divide(BigDecimal.valueOf(3600), 6, java.math.RoundingMode.HALF_UP);
    }

    /** Model usage the agent reported, every tool call and retry metered, and people's review time at the rate. */
    public BigDecimal cost(BigDecimal hourlyRate) {
        BigDecimal review = hourlyRate == null
                ? BigDecimal.ZERO
                : BigDecimal.valueOf(reviewSeconds)
                        .multiply(hourlyRate)
                        .divide(BigDecimal.valueOf(3600), 6, java.math.RoundingMode.HALF_UP);
        return modelCost.add(toolCost).add(review);
    }
}
