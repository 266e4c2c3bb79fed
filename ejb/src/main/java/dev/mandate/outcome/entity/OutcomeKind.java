package dev.mandate.outcome.entity;

/** How a task ended, as the agent that worked it (or a person) reports it. */
public enum OutcomeKind {
    RESOLVED,
    ESCALATED,
    FAILED,
    ABANDONED
}
