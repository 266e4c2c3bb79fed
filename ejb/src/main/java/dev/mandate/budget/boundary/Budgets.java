package dev.mandate.budget.boundary;

import dev.mandate.agent.boundary.Agents;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.budget.control.BudgetLedger;
import dev.mandate.budget.entity.Budget;
import dev.mandate.budget.entity.BudgetPeriod;
import dev.mandate.budget.entity.BudgetScope;
import dev.mandate.budget.entity.BudgetUsage;
import dev.mandate.configuration.control.ConfigurationChanges;
import dev.mandate.platform.error.ConflictException;
import dev.mandate.platform.error.Flushes;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.security.Caller;
import dev.mandate.tenant.boundary.Tenants;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Setting spend caps per tenant and per agent, per day and per week. */
@Stateless
public class Budgets {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @Inject
    ConfigurationChanges changes;

    @EJB
    Tenants tenants;

    @EJB
    Agents agents;

    @Inject
    BudgetLedger ledger;

    public Budget set(Caller caller, BudgetScope scope, String subject, BudgetPeriod period, BigDecimal maxCost) {
        String resolved =
                switch (scope) {
                    case TENANT -> caller.tenant();
                    case AGENT -> {
                        if (subject == null || subject.isBlank()) {
                            throw new InvalidRequestException(
                                    "subject", "is required for an agent budget (the agent id)");
                        }
                        yield agents.get(caller, subject).id();
                    }
                };
        tenants.ensureRegistered(caller.tenant(), caller.tenant());
        Budget budget = em.createNamedQuery(Budget.SAME, Budget.class)
                .setParameter("tenant", caller.tenant())
                .setParameter("scope", scope)
                .setParameter("subject", resolved)
                .setParameter("period", period)
                .getResultStream()
                .findFirst()
                .orElseGet(() -> {
                    Budget created = new Budget(caller.tenant(), scope, resolved, period);
                    em.persist(created);
                    return created;
                });
        String before = budget.maxCost() == null ? "none" : budget.maxCost().toPlainString();
        budget.limitTo(maxCost, caller.subject());
        // two admins setting one budget at once: one wins, the other is asked to retry (not a 500)
        Flushes.flush(em, () -> new ConflictException("the budget was changed at the same time; retry"));
        changes.record(AuditEntry.adminChange(
                caller,
                "budget.changed",
                scope == BudgetScope.AGENT ? resolved : null,
                Map.of("budget", budget.label() + " " + resolved, "before", before, "after", maxCost.toPlainString())));
        return budget;
    }

    /** A budget with its standing in the current period. */
    public record Standing(Budget budget, BudgetUsage usage) {}

    /** The tenant's budgets with what is spent, held for approval and left in their current periods. */
    public List<Standing> standings(Caller caller) {
        return list(caller).stream()
                .map(budget -> new Standing(budget, ledger.usage(budget.cap())))
                .toList();
    }

    public List<Budget> list(Caller caller) {
        return em.createNamedQuery(Budget.ALL, Budget.class)
                .setParameter("tenant", caller.tenant())
                .getResultList();
    }
}
