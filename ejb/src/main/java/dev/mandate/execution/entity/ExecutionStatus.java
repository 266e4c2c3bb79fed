package dev.mandate.execution.entity;

/** Where an execution stands. The last four are final. */
public enum ExecutionStatus {
    /** waiting for its (next) attempt */
    QUEUED,
    /** a worker holds it under a lease and is calling the tool */
    IN_FLIGHT,
    SUCCEEDED,
    /** the tool refused or failed; nothing more is tried */
    FAILED,
    /** sent, no answer, and neither a status probe nor a safe retry could settle it: for people */
    OUTCOME_UNKNOWN,
    /** never sent (the kill switch, or the tool unreachable past the time an execution may wait) */
    CANCELLED;

    public boolean isFinal() {
        return this != QUEUED && this != IN_FLIGHT;
    }
}
