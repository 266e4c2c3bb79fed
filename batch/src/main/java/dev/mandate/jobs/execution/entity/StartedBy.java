package dev.mandate.jobs.execution.entity;

/** What started a job execution. */
public enum StartedBy {
    /** an administrator, through {@code POST /api/v1/jobs/{name}} */
    API,
    /** a schedule of the job's, on the server that took the slot's lease */
    SCHEDULE,
    /** an administrator, restarting a stopped or failed execution */
    RESTART
}
