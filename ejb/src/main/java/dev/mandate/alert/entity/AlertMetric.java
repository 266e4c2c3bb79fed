package dev.mandate.alert.entity;

import java.util.EnumSet;
import java.util.Set;

/** What a rule watches, over the recorded data. */
public enum AlertMetric {
    /** tool calls sent again after a first call of the same execution */
    RETRIES(true, EnumSet.of(AlertScope.TENANT, AlertScope.TOOL, AlertScope.TASK_TYPE, AlertScope.WORKFLOW)),
    /** tool calls that did not succeed (error answers, refusals, no answer, not sent) */
    TOOL_ERRORS(true, EnumSet.of(AlertScope.TENANT, AlertScope.TOOL, AlertScope.TASK_TYPE, AlertScope.WORKFLOW)),
    /** envelopes decided DENY */
    DENIALS(true, EnumSet.of(AlertScope.TENANT, AlertScope.TOOL, AlertScope.TASK_TYPE, AlertScope.WORKFLOW)),
    /** the envelopes' cost per distinct task in the window; the minimum count is of tasks */
    COST_PER_TASK(false, EnumSet.of(AlertScope.TENANT, AlertScope.TOOL, AlertScope.TASK_TYPE, AlertScope.WORKFLOW)),
    /** each budget's spend in its current period as a share of its cap; fires at the threshold (0.8 if none) */
    BUDGET_USE(false, EnumSet.of(AlertScope.TENANT)),
    /** approvals expired past their SLA and escalation items breached in the window */
    SLA_BREACHES(true, EnumSet.of(AlertScope.TENANT, AlertScope.TOOL, AlertScope.TASK_TYPE, AlertScope.WORKFLOW));

    /** The share of a budget's cap a BUDGET_USE rule fires at when it names no threshold. */
    public static final double DEFAULT_BUDGET_SHARE = 0.8;

    private final boolean count;
    private final Set<AlertScope> scopes;

    AlertMetric(boolean count, Set<AlertScope> scopes) {
        this.count = count;
        this.scopes = scopes;
    }

    /** Whether its value is a count of events (a deviation of at least the square root of the mean). */
    public boolean isCount() {
        return count;
    }

    public boolean allows(AlertScope scope) {
        return scopes.contains(scope);
    }

    public Set<AlertScope> scopes() {
        return scopes;
    }
}
