package dev.mandate.jobs.rollup.entity;

/**
 * How a task ended for the rollup: the outcome its agent (or a person) reported, or else what Mandate knows
 * itself from the task's envelopes, executions and escalations.
 */
public enum TaskState {
    RESOLVED,
    ESCALATED,
    FAILED,
    ABANDONED,
    DENIED,
    OPEN
}
