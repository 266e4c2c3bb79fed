package dev.mandate.audit.entity;

import java.util.List;
import java.util.Map;

/**
 * What a caller asks the audit trail to record. The trail adds the time, the chain position and the
 * hashes, and redacts personal data and secrets from {@code inputSummary} and the values of
 * {@code details}.
 *
 * @param tenant the tenant the change or decision belongs to
 * @param actor who acted: the token's subject (a person or an agent id)
 * @param agentId the agent the decision or change is about, or null
 * @param taskId the agent's task, or null
 * @param traceId the request's trace id, or null
 * @param action what happened, e.g. {@code envelope.decided}, {@code agent.created}
 * @param outcome e.g. {@code ALLOW}, {@code DENY}, {@code OK}
 * @param ruleIds the policy rules that decided, or empty
 * @param inputSummary free text about the input, redacted by the trail; may be null
 * @param policyVersion the policy version that decided, or null
 * @param details before/after summaries and the like; values redacted by the trail
 */
public record AuditEntry(
        String tenant,
        String actor,
        String agentId,
        String taskId,
        String traceId,
        String action,
        String outcome,
        List<String> ruleIds,
        String inputSummary,
        String policyVersion,
        Map<String, String> details) {

    /**
     * Whether this records a change of configuration, which every change is but a decision on an envelope,
     * the trail's own checkpoints, an execution's outcome, people's approvals and escalation work, a task's
     * reported outcome, evals (datasets imported, gates decided: nothing a decision reads), and an operator
     * starting, stopping or restarting a job, alerts fired, acknowledged and resolved (a job that
     * changes configuration audits that change itself): what decisions read is cached until such a change
     * (see {@code ConfigGenerations}), so a new kind of change is safe by default.
     */
    public boolean changesConfiguration() {
        return !action.startsWith("envelope.")
                && !action.startsWith("execution.")
                && !action.startsWith("approval.")
                && !action.startsWith("escalation.")
                && !action.startsWith("audit.")
                && !action.startsWith("task.")
                && !action.startsWith("eval.")
                && !action.startsWith("job.")
                && !action.startsWith("alert.");
    }

    /** An administrator's change of configuration (no task, no trace, outcome OK). */
    public static AuditEntry adminChange(
            dev.mandate.platform.security.Caller caller, String action, String agentId, Map<String, String> details) {
        return new AuditEntry(
                caller.tenant(), caller.subject(), agentId, null, null, action, "OK", List.of(), null, null, details);
    }
}
