package dev.mandate.routing.entity;

/**
 * How requests are approved where a policy selects them: by a rule that fired ({@code rule:<ruleId>}), the
 * task type ({@code task-type:<key>}), the risk class ({@code risk-class:<CLASS>}), or the tenant's {@code
 * default}, the most specific first.
 *
 * @param requiredApprovals distinct people who must approve (M of N)
 * @param sponsorMayApprove whether the agent's sponsor may approve its own agent's actions
 */
public record ApprovalRoute(String selector, int requiredApprovals, boolean sponsorMayApprove, String slaClass) {

    /** Without any policy of the tenant: one approver, the sponsor too, the standard SLA class. */
    public static final ApprovalRoute DEFAULT = new ApprovalRoute("default", 1, true, SlaClass.DEFAULT);
}
