package dev.mandate.escalation.entity;

/** OPEN until someone claims it; CLAIMED by one person at a time; RESOLVED for good. */
public enum EscalationStatus {
    OPEN,
    CLAIMED,
    RESOLVED
}
