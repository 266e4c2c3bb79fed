package dev.mandate.readiness.entity;

import java.util.List;

/**
 * How the tenant routes approvals and escalations for a workflow: the approval policies that can select its
 * requests (its task types', the default, by risk class or rule) and the SLA classes the tenant configured
 * itself (the built-in ones apply to everyone and route nothing in particular).
 */
public record RoutingEvidence(List<String> approvalPolicies, List<String> ownSlaClasses) {

    public RoutingEvidence {
        approvalPolicies = List.copyOf(approvalPolicies);
        ownSlaClasses = List.copyOf(ownSlaClasses);
    }

    public boolean routed() {
        return !approvalPolicies.isEmpty() || !ownSlaClasses.isEmpty();
    }
}
