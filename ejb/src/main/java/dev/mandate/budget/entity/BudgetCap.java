package dev.mandate.budget.entity;

import java.math.BigDecimal;

/** A budget's limit as a decision reads it: which spend it caps, per which period, up to how much. */
public record BudgetCap(
        String id, String label, BudgetScope scope, String subject, BudgetPeriod period, BigDecimal maxCost) {

    /** Whether this cap applies to the agent's decisions in the tenant (the tenant's own, or the agent's). */
    public boolean appliesTo(String tenant, String agentId) {
        return scope == BudgetScope.TENANT ? subject.equals(tenant) : subject.equals(agentId);
    }
}
