package dev.mandate.jobs.rollup.entity;

/**
 * What drift watches per task type, and which way is worse: success falling, escalations, denials and cost
 * rising. Rates drift by percentage points (absolute); cost per task by its relative change.
 */
public enum DriftMetric {
    SUCCESS_RATE(-1, false),
    ESCALATION_RATE(1, false),
    DENIAL_RATE(1, false),
    COST_PER_TASK(1, true);

    private final int worse;
    private final boolean relative;

    DriftMetric(int worse, boolean relative) {
        this.worse = worse;
        this.relative = relative;
    }

    public int worse() {
        return worse;
    }

    public boolean relative() {
        return relative;
    }
}
