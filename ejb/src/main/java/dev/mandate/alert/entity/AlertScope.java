package dev.mandate.alert.entity;

/** Which of the tenant's records a rule counts: all of them, or one tool's, task type's or workflow's. */
public enum AlertScope {
    TENANT,
    TOOL,
    TASK_TYPE,
    WORKFLOW
}
