package dev.mandate.budget.control;

import dev.mandate.budget.entity.Budget;
import dev.mandate.budget.entity.BudgetCap;
import dev.mandate.budget.entity.BudgetUsage;
import dev.mandate.platform.schema.DatabaseProduct;
import dev.mandate.platform.sql.Sql;
import dev.mandate.taxonomy.entity.TaskTypeDefinition.Limits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reserves spend at decision time with conditional updates ({@code ... set spent = spent + :cost
 * where spent + :cost <= max}): the database decides, so no number of concurrent requests on any
 * number of app servers overspends. Runs in the caller's transaction; a reservation that cannot be
 * made undoes the ones already made in it. Per-task limits count per (tenant, agent, task id): the task
 * id is the agent's choice, so one agent's task never draws on another's. A reservation for a decision
 * that awaits approval is also recorded as held ({@code held_cost}, and one {@code budget_hold} row per
 * budget under the envelope's id), for the budget view and for the approval that will spend or release it.
 *
 * <p>A CDI bean in the caller's transaction: the decision path reserves without an EJB call.
 */
@ApplicationScoped
public class BudgetLedger {

    private static final BigDecimal UNLIMITED = new BigDecimal("999999999999");

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @Inject
    Sql sql;

    @Inject
    UsageRows rows;

    @Inject
    DatabaseProduct database;

    /** The outcome: either everything reserved, or the first limit that would be exceeded. */
    public record Reservation(String exhausted, Map<String, BigDecimal> remaining) {
        public boolean granted() {
            return exhausted == null;
        }
    }

    /**
     * Reserves the agent's task's per-request limits and every budget in {@code budgets} (those {@link
     * #applying} to the agent, read earlier in the same transaction).
     *
     * @param heldFor the envelope whose decision awaits approval: the reservation is held for it; null
     *     for a decision that executes now
     */
    public Reservation reserve(
            String tenant,
            String agentId,
            String taskId,
            Limits limits,
            int modelCalls,
            BigDecimal cost,
            List<BudgetCap> budgets,
            String heldFor) {
        Map<String, BigDecimal> remaining = new LinkedHashMap<>();
        BigDecimal held = heldFor == null ? BigDecimal.ZERO : cost;
        if (!reserveTask(tenant, agentId, taskId, limits, modelCalls, cost)) {
            return new Reservation("TASK: per-request limit of task '" + taskId + "' reached", remaining);
        }
        List<BudgetCap> reserved = new ArrayList<>();
        for (BudgetCap budget : budgets) {
            LocalDate start = budget.period().currentStart();
            ensureRow(() -> rows.ensureUsageRow(budget.id(), start));
            int updated = em.createNativeQuery(
                            "update budget_usage set spent_cost = spent_cost + ?1, held_cost = held_cost + ?5"
                                    + " where budget_id = ?2 and period_start = ?3 and spent_cost + ?1 <= ?4")
                    .setParameter(1, cost)
                    .setParameter(2, budget.id())
                    .setParameter(3, start)
                    .setParameter(4, budget.maxCost())
                    .setParameter(5, held)
                    .executeUpdate();
            if (updated == 0) {
                reserved.forEach(done -> release(done, cost, held));
                releaseTask(tenant, agentId, taskId, modelCalls, cost);
                return new Reservation(
                        budget.label() + " budget exhausted (limit "
                                + budget.maxCost().toPlainString() + ")",
                        remaining);
            }
            reserved.add(budget);
            remaining.put(budget.label(), budget.maxCost().subtract(spent(budget.id(), start)));
        }
        if (heldFor != null) {
            for (BudgetCap budget : reserved) {
                sql.update(
                        "insert into budget_hold (envelope_id, budget_id, period_start, cost) values (?, ?, ?, ?)",
                        heldFor,
                        budget.id(),
                        budget.period().currentStart(),
                        cost);
            }
        }
        return new Reservation(null, remaining);
    }

    /** An approval was given: what was held for the envelope is spent (it stays counted, no longer as held). */
    public void spendHeld(String envelopeId) {
        for (Object[] hold : holds(envelopeId)) {
            sql.update(
                    "update budget_usage set held_cost = held_cost - ? where budget_id = ? and period_start = ?",
                    hold[2],
                    hold[0],
                    hold[1]);
        }
        sql.update("delete from budget_hold where envelope_id = ?", envelopeId);
    }

    /**
     * An approval was refused or ran out: what was reserved for the envelope is given back, to the budgets
     * (in the period it was held in) and to the agent's task.
     */
    public void releaseHeld(
            String tenant, String agentId, String taskId, String envelopeId, int modelCalls, BigDecimal cost) {
        for (Object[] hold : holds(envelopeId)) {
            sql.update(
                    "update budget_usage set spent_cost = spent_cost - ?, held_cost = held_cost - ?"
                            + " where budget_id = ? and period_start = ?",
                    hold[2],
                    hold[2],
                    hold[0],
                    hold[1]);
        }
        sql.update("delete from budget_hold where envelope_id = ?", envelopeId);
        releaseTask(tenant, agentId, taskId, modelCalls, cost);
    }

    private List<Object[]> holds(String envelopeId) {
        return sql.list(
                "select budget_id, period_start, cost from budget_hold where envelope_id = ?",
                r -> new Object[] {r.getString(1), r.getObject(2, LocalDate.class), r.getBigDecimal(3)},
                envelopeId);
    }

    /** The budget's standing in its current period (nothing spent yet: zeros). */
    public BudgetUsage usage(BudgetCap budget) {
        LocalDate start = budget.period().currentStart();
        BigDecimal[] usage = sql.first(
                        "select spent_cost, held_cost from budget_usage where budget_id = ? and period_start = ?",
                        r -> new BigDecimal[] {r.getBigDecimal(1), r.getBigDecimal(2)},
                        budget.id(),
                        start)
                .orElse(new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        return new BudgetUsage(start, usage[0], usage[1], budget.maxCost().subtract(usage[0]));
    }

    /** The budgets that apply to the agent: its own and its tenant's. */
    public List<BudgetCap> applying(String tenant, String agentId) {
        return em.createNamedQuery(Budget.APPLYING, Budget.class)
                .setParameter("tenant", tenant)
                .setParameter("agent", agentId)
                .getResultStream()
                .map(Budget::cap)
                .toList();
    }

    /** What is left of each budget applying to the agent right now, without reserving anything. */
    public Map<String, BigDecimal> remaining(String tenant, String agentId) {
        return remaining(applying(tenant, agentId));
    }

    /** What is left of each of these budgets right now, without reserving anything. */
    public Map<String, BigDecimal> remaining(List<BudgetCap> budgets) {
        Map<String, BigDecimal> remaining = new LinkedHashMap<>();
        for (BudgetCap budget : budgets) {
            remaining.put(
                    budget.label(),
                    budget.maxCost().subtract(spent(budget.id(), budget.period().currentStart())));
        }
        return remaining;
    }

    private boolean reserveTask(
            String tenant, String agentId, String taskId, Limits limits, int modelCalls, BigDecimal cost) {
        int maxModelCalls = limits.maxModelCalls() == null ? Integer.MAX_VALUE : limits.maxModelCalls();
        int maxToolCalls = limits.maxToolCalls() == null ? Integer.MAX_VALUE : limits.maxToolCalls();
        BigDecimal maxCost = limits.maxCostPerTask() == null ? UNLIMITED : limits.maxCostPerTask();
        if (database.isPostgres()) {
            // one statement: the task's first request creates its row (a concurrent first request waits for
            // it and then updates), later ones add to it; either only within the limits
            return sql.update(
                            "insert into task_usage (tenant_id, agent_id, task_id, model_calls, tool_calls, cost)"
                                    + " select ?, ?, ?, ?, 1, ? where ? <= ? and 1 <= ? and ? <= ?"
                                    + " on conflict (tenant_id, agent_id, task_id) do update set"
                                    + " model_calls = task_usage.model_calls + excluded.model_calls,"
                                    + " tool_calls = task_usage.tool_calls + 1, cost = task_usage.cost + excluded.cost"
                                    + " where task_usage.model_calls + excluded.model_calls <= ?"
                                    + " and task_usage.tool_calls + 1 <= ? and task_usage.cost + excluded.cost <= ?",
                            tenant,
                            agentId,
                            taskId,
                            modelCalls,
                            cost,
                            modelCalls,
                            maxModelCalls,
                            maxToolCalls,
                            cost,
                            maxCost,
                            maxModelCalls,
                            maxToolCalls,
                            maxCost)
                    == 1;
        }
        ensureRow(() -> rows.ensureTaskRow(tenant, agentId, taskId));
        return em.createNativeQuery("update task_usage set model_calls = model_calls + ?1, tool_calls = tool_calls + 1,"
                                + " cost = cost + ?2 where tenant_id = ?3 and agent_id = ?8 and task_id = ?4"
                                + " and model_calls + ?1 <= ?5 and tool_calls + 1 <= ?6 and cost + ?2 <= ?7")
                        .setParameter(1, modelCalls)
                        .setParameter(2, cost)
                        .setParameter(3, tenant)
                        .setParameter(4, taskId)
                        .setParameter(5, maxModelCalls)
                        .setParameter(6, maxToolCalls)
                        .setParameter(7, maxCost)
                        .setParameter(8, agentId)
                        .executeUpdate()
                == 1;
    }

    private void releaseTask(String tenant, String agentId, String taskId, int modelCalls, BigDecimal cost) {
        em.createNativeQuery("update task_usage set model_calls = model_calls - ?1, tool_calls = tool_calls - 1,"
                        + " cost = cost - ?2 where tenant_id = ?3 and agent_id = ?5 and task_id = ?4")
                .setParameter(1, modelCalls)
                .setParameter(2, cost)
                .setParameter(3, tenant)
                .setParameter(4, taskId)
                .setParameter(5, agentId)
                .executeUpdate();
    }

    private void release(BudgetCap budget, BigDecimal cost, BigDecimal held) {
        em.createNativeQuery("update budget_usage set spent_cost = spent_cost - ?1, held_cost = held_cost - ?4"
                        + " where budget_id = ?2 and period_start = ?3")
                .setParameter(1, cost)
                .setParameter(2, budget.id())
                .setParameter(3, budget.period().currentStart())
                .setParameter(4, held)
                .executeUpdate();
    }

    private BigDecimal spent(String budgetId, LocalDate start) {
        return sql.first(
                        "select spent_cost from budget_usage where budget_id = ? and period_start = ?",
                        r -> r.getBigDecimal(1),
                        budgetId,
                        start)
                .orElse(BigDecimal.ZERO);
    }

    private static void ensureRow(Runnable insert) {
        try {
            insert.run();
        } catch (UsageRows.RowAlreadyCreated lostTheRace) {
            // the row exists now, which is all that was needed
        }
    }
}
