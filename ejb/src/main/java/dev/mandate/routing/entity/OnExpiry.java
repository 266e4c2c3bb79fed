package dev.mandate.routing.entity;

/** What happens to a request nobody decided in time. */
public enum OnExpiry {
    /** denied automatically (Entra: durationBeforeAutomaticDenial) */
    DENY,
    /** handed to the SLA class's fallback approver roles for a second period, then denied */
    FALLBACK,
    /** handed to the escalation queue, where a person resolves it */
    QUEUE
}
