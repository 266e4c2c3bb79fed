package dev.mandate.jobs.rollup.control;

import dev.mandate.jobs.rollup.entity.RoiInputs;
import dev.mandate.jobs.rollup.entity.RollupRow;
import dev.mandate.jobs.rollup.entity.TaskFacts;
import dev.mandate.platform.schema.DatabaseProduct;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what the rollup needs from the shared schema. A task belongs to the day (UTC) of its first
 * envelope; all of its envelopes, executions, escalations and its reported outcome count, whenever they
 * happened, so a day's figures are complete once its tasks are.
 */
@ApplicationScoped
public class RollupSources {

    /**
     * The day's tasks with everything known of them, in one statement: the tasks whose first envelope is on
     * the day are found once (3 parameters: tenant, the day's bounds, its start again), then each source is
     * aggregated over them (tenant parameters each). Four statements that each tested "first envelope on this
     * day" per row took several times as long as the plain SQL of the same figures (BENCHMARKS.md).
     */
    private static final String DAY_TASKS = "select d.agent_id, d.task_id from envelope d"
            + " where d.tenant_id = ? and d.created_at >= ? and d.created_at < ?"
            + " and not exists (select 1 from envelope p where p.tenant_id = d.tenant_id"
            + " and p.agent_id = d.agent_id and p.task_id = d.task_id and p.created_at < ?)"
            + " group by d.agent_id, d.task_id";

    private static String envelopes(String dayTasks) {
        return "select e.agent_id, e.task_id, min(e.task_type) task_type, min(e.created_at) first_at,"
                + " max(e.created_at) last_at, count(*) n, sum(case when e.decision = 'DENY' then 1 else 0 end) denied,"
                + " sum(case when e.decision = 'ESCALATE' then 1 else 0 end) escalated, sum(e.cost) cost"
                + " from envelope e join " + dayTasks + " t on t.agent_id = e.agent_id and t.task_id = e.task_id"
                + " where e.tenant_id = ? group by e.agent_id, e.task_id";
    }

    private static String executions(String dayTasks) {
        return "select x.agent_id, x.task_id, count(*) n, sum(x.attempts) calls,"
                + " sum(case when x.attempts > 1 then x.attempts - 1 else 0 end) retries, sum(x.cost) cost,"
                + " sum(case when x.status = 'FAILED' then 1 else 0 end) failed,"
                + " sum(case when x.status = 'SUCCEEDED' then 1 else 0 end) succeeded, max(x.finished_at) last_finished"
                + " from execution x join " + dayTasks + " t on t.agent_id = x.agent_id and t.task_id = x.task_id"
                + " where x.tenant_id = ? group by x.agent_id, x.task_id";
    }

    private static String escalations(String dayTasks) {
        return "select e.agent_id, e.task_id, count(*) n from escalation_item i"
                + " join envelope e on e.id = i.envelope_id"
                + " join " + dayTasks + " t on t.agent_id = e.agent_id and t.task_id = e.task_id"
                + " where i.tenant_id = ? group by e.agent_id, e.task_id";
    }

    private static String joined(String envelopes, String executions, String escalations) {
        return " select v.agent_id, v.task_id, v.task_type, v.first_at, v.last_at, v.n, v.denied, v.escalated, v.cost,"
                + " x.n, x.calls, x.retries, x.cost, x.failed, x.succeeded, x.last_finished,"
                + " s.n, o.outcome, o.complete_seconds, o.review_seconds"
                + " from " + envelopes + " v"
                + " left join " + executions + " x on x.agent_id = v.agent_id and x.task_id = v.task_id"
                + " left join " + escalations + " s on s.agent_id = v.agent_id and s.task_id = v.task_id"
                + " left join task_outcome o on o.tenant_id = ? and o.agent_id = v.agent_id and o.task_id = v.task_id"
                + " order by v.agent_id, v.task_id";
    }

    private static final String TASKS_OF_THE_DAY = "with day_tasks as (" + DAY_TASKS + "),"
            + " envelopes as (" + envelopes("day_tasks") + "),"
            + " executions as (" + executions("day_tasks") + "),"
            + " escalations as (" + escalations("day_tasks") + ")"
            + joined("envelopes", "executions", "escalations");

    /**
     * The same without WITH, for H2: H2 2.2 binds the parameters of a statement with several common table
     * expressions to the wrong places (a timestamp compared with the tenant id), and the day had no tasks.
     */
    private static final String TASKS_OF_THE_DAY_INLINE = joined(
            "(" + envelopes("(" + DAY_TASKS + ")") + ")",
            "(" + executions("(" + DAY_TASKS + ")") + ")",
            "(" + escalations("(" + DAY_TASKS + ")") + ")");

    @Inject
    DatabaseProduct database;

    @Inject
    Sql sql;

    /** A task type's place in the taxonomy and its targets. */
    public record TaskTypeInfo(String workflow, RollupRow.Targets targets) {}

    /** The day's tasks of a tenant with everything known of them, by (agent, task id). */
    public List<TaskFacts> tasksOf(String tenant, LocalDate day) {
        OffsetDateTime from = day.atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime to = from.plusDays(1);
        if (database.isPostgres()) {
            return sql.list(
                    TASKS_OF_THE_DAY, RollupSources::facts, tenant, from, to, from, tenant, tenant, tenant, tenant);
        }
        return sql.list(
                TASKS_OF_THE_DAY_INLINE,
                RollupSources::facts,
                tenant,
                from,
                to,
                from,
                tenant,
                tenant,
                from,
                to,
                from,
                tenant,
                tenant,
                from,
                to,
                from,
                tenant,
                tenant);
    }

    /** The tenant's task types by key. */
    public Map<String, TaskTypeInfo> taskTypes(String tenant) {
        Map<String, TaskTypeInfo> types = new LinkedHashMap<>();
        sql.list(
                        "select t.type_key, w.wf_key, t.target_success_rate, t.target_escalation_rate from task_type t"
                                + " join workflow w on w.id = t.workflow_id where t.tenant_id = ?",
                        row -> Map.entry(
                                row.getString(1),
                                new TaskTypeInfo(
                                        row.getString(2),
                                        new RollupRow.Targets(row.getBigDecimal(3), row.getBigDecimal(4)))),
                        tenant)
                .forEach(e -> types.put(e.getKey(), e.getValue()));
        return types;
    }

    /** The tenant's baselines by (workflow, task type), '' as the task type of a workflow's own. */
    public Map<String, RoiInputs> baselines(String tenant) {
        Map<String, RoiInputs> baselines = new HashMap<>();
        sql.list(
                        "select workflow_key, task_type, cost_per_item, handling_minutes, hourly_rate from baseline"
                                + " where tenant_id = ?",
                        row -> Map.entry(
                                key(row.getString(1), row.getString(2)),
                                new RoiInputs(row.getBigDecimal(3), row.getBigDecimal(4), row.getBigDecimal(5))),
                        tenant)
                .forEach(e -> baselines.put(e.getKey(), e.getValue()));
        return baselines;
    }

    /** The task type's baseline, else its workflow's, else none. */
    public static RoiInputs baselineOf(Map<String, RoiInputs> baselines, String workflow, String taskType) {
        RoiInputs own = baselines.get(key(workflow, taskType));
        return own != null ? own : baselines.get(key(workflow, ""));
    }

    private static TaskFacts facts(ResultSet row) throws SQLException {
        boolean executed = row.getObject(10) != null;
        String outcome = row.getString(18);
        return new TaskFacts(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getObject(4, OffsetDateTime.class),
                row.getObject(5, OffsetDateTime.class),
                row.getInt(6),
                row.getInt(7),
                row.getInt(8),
                row.getBigDecimal(9),
                row.getInt(10),
                row.getInt(11),
                row.getInt(12),
                executed ? row.getBigDecimal(13) : BigDecimal.ZERO,
                row.getInt(14),
                row.getInt(15),
                executed ? row.getObject(16, OffsetDateTime.class) : null,
                row.getInt(17),
                outcome,
                outcome == null ? null : row.getLong(19),
                outcome == null ? 0 : row.getLong(20));
    }

    private static String key(String first, String second) {
        return first + '\u0000' + second;
    }
}
