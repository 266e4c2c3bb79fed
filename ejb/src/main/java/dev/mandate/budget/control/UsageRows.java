package dev.mandate.budget.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.LocalDate;

/**
 * Creates a budget period's or a task's usage row, each in a transaction of its own, so racing first
 * reservations both succeed: the one that loses the insert race sees {@link RowAlreadyCreated}, and the
 * row exists.
 */
@ApplicationScoped
public class UsageRows {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    /** Creates the period's usage row in its own transaction, so racing first reservations both succeed. */
    @Transactional(TxType.REQUIRES_NEW)
    public void ensureUsageRow(String budgetId, LocalDate start) {
        insertIfAbsent(
                "select count(*) from budget_usage where budget_id = ?1 and period_start = ?2",
                "insert into budget_usage (budget_id, period_start, spent_cost) values (?1, ?2, 0)",
                budgetId,
                start);
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void ensureTaskRow(String tenant, String agentId, String taskId) {
        insertIfAbsent(
                "select count(*) from task_usage where tenant_id = ?1 and task_id = ?2 and agent_id = ?3",
                "insert into task_usage (tenant_id, task_id, agent_id, model_calls, tool_calls, cost)"
                        + " values (?1, ?2, ?3, 0, 0, 0)",
                tenant,
                taskId,
                agentId);
    }

    private void insertIfAbsent(String count, String insert, Object... keys) {
        jakarta.persistence.Query counting = em.createNativeQuery(count);
        for (int i = 0; i < keys.length; i++) {
            counting.setParameter(i + 1, keys[i]);
        }
        Number existing = (Number) counting.getSingleResult();
        if (existing.longValue() > 0) {
            return;
        }
        try {
            jakarta.persistence.Query inserting = em.createNativeQuery(insert);
            for (int i = 0; i < keys.length; i++) {
                inserting.setParameter(i + 1, keys[i]);
            }
            inserting.executeUpdate();
        } catch (PersistenceException raced) {
            // another request created the row first: that is all we wanted; this transaction rolls back alone
            throw new RowAlreadyCreated();
        }
    }

    /** Signals a lost insert race; its transaction rolls back, the caller's goes on. */
    static class RowAlreadyCreated extends RuntimeException {}
}
