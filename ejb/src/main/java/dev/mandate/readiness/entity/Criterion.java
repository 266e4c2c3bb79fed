package dev.mandate.readiness.entity;

/** The launch criteria of the readiness checklists, in the order a report lists them. */
public enum Criterion {
    TASK_BOUNDARIES("Clear task boundaries and refusal rules"),
    AUDIT_VERIFIES("Auditable logs for every action"),
    EVALS_WITH_ROLLBACK("Evals running, with a rollback plan"),
    ESCALATION_BUDGET("An escalation workflow with a measurable escalation budget"),
    COST_LATENCY_DATA("p95 cost and latency dashboards with data");

    private final String title;

    Criterion(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
