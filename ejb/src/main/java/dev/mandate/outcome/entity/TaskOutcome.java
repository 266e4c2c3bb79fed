package dev.mandate.outcome.entity;

import java.time.OffsetDateTime;

/**
 * A reported task outcome: the task is the agent's own (tenant, agent, task id), its type the one its
 * first envelope named. Times in whole seconds; review time is people's time spent on the task.
 */
public record TaskOutcome(
        String agentId,
        String taskId,
        String taskType,
        OutcomeKind outcome,
        long completeSeconds,
        long reviewSeconds,
        String recordedBy,
        OffsetDateTime recordedAt) {

    /** Whether a repeat report says the same as this one (who sent it and when do not count). */
    public boolean sameAs(OutcomeKind otherOutcome, long otherCompleteSeconds, long otherReviewSeconds) {
        return outcome == otherOutcome
                && completeSeconds == otherCompleteSeconds
                && reviewSeconds == otherReviewSeconds;
    }
}
