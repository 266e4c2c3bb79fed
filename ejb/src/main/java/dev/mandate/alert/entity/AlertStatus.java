package dev.mandate.alert.entity;

/** Where an alert stands. OPEN and ACKNOWLEDGED are open: a rule firing again updates them, sends nothing. */
public enum AlertStatus {
    OPEN,
    /** a person took it on; still open */
    ACKNOWLEDGED,
    /** by a person, or by the evaluation once the metric was back to normal for a window */
    RESOLVED
}
