package dev.mandate.jobs.rollup.control;

import dev.mandate.jobs.rollup.entity.RoiInputs;
import dev.mandate.jobs.rollup.entity.RollupRow;
import dev.mandate.jobs.rollup.entity.TaskGroup;
import dev.mandate.platform.schema.DatabaseProduct;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what the rollup needs from the shared schema. A task belongs to the day (UTC) of its first
 * envelope; all of its envelopes, executions, escalations and its reported outcome count, whenever they
 * happened, so a day's figures are complete once its tasks are.
 *
 * <p>The database sums the tasks up, for a whole window of days in one statement: each source is aggregated
 * per task in one pass over the tenant's rows, then the tasks are grouped by day, task type and agent. A
 * statement per day, which had to find the day's tasks among all of the tenant's envelopes, scanned the
 * tables once per day and took 4.8 times the plain SQL of the same figures (BENCHMARKS.md).
 */
@ApplicationScoped
public class RollupSources {

    /**
     * How a task ended: the outcome its agent (or a person) reported; without one, what Mandate saw:
     * escalated (an ESCALATE decision or an item in the escalation queue), else failed (an execution failed
     * after its retries), else resolved (an execution succeeded), else denied (every envelope denied), else
     * still open.
     */
    private static final String STATE = "coalesce(o.outcome, case when t.escalate > 0 or coalesce(i.items, 0) > 0"
            + " then 'ESCALATED' when coalesce(x.failed, 0) > 0 then 'FAILED' when coalesce(x.ok, 0) > 0"
            + " then 'RESOLVED' when t.denied = t.envelopes then 'DENIED' else 'OPEN' end)";

    /**
     * One row per task whose first envelope is at or after a time; 6 parameters: tenant, that time, then tenant
     * 4 times. Only the lower bound is in the statement: with both, PostgreSQL expected a few thousand tasks
     * where there were millions, and sorted them for merge joins (a third slower than the plain SQL's hash
     * joins); the tasks of days after the window are left out when the groups are read.
     */
    private static String tasks(Dialect dialect) {
        return "select cast(t.first_at at time zone 'UTC' as date) rollup_day, t.task_type, t.agent_id, " + STATE
                + " state,"
                + " t.envelopes, t.denied, coalesce(x.calls, 0) calls, coalesce(x.retries, 0) retries, t.model,"
                + " coalesce(x.tool, 0) tool, round(coalesce(o.review_seconds, 0) / 3600.0, 6) review_hours,"
                + " t.model + coalesce(x.tool, 0)"
                + " + coalesce(round(coalesce(o.review_seconds, 0) * r.rate / 3600.0, 6), 0) cost,"
                + " case when o.complete_seconds is not null then o.complete_seconds * 1000"
                + " when " + STATE + " = 'OPEN' then null"
                + " else "
                + dialect.millisBetween("t.first_at", "case when x.fin > t.last_at then x.fin else t.last_at end")
                + " end latency"
                + " from (select e.agent_id, e.task_id, min(e.task_type) task_type, min(e.created_at) first_at,"
                + " max(e.created_at) last_at, count(*) envelopes, sum(case when e.decision = 'DENY' then 1 else 0 end) denied,"
                + " sum(case when e.decision = 'ESCALATE' then 1 else 0 end) escalate, coalesce(sum(e.cost), 0) model"
                + " from envelope e where e.tenant_id = ? group by e.agent_id, e.task_id"
                + " having min(e.created_at) >= ?) t"
                + " left join (select agent_id, task_id, sum(attempts) calls,"
                + " sum(case when attempts > 1 then attempts - 1 else 0 end) retries, coalesce(sum(cost), 0) tool,"
                + " sum(case when status = 'FAILED' then 1 else 0 end) failed,"
                + " sum(case when status = 'SUCCEEDED' then 1 else 0 end) ok, max(finished_at) fin"
                + " from execution where tenant_id = ? group by agent_id, task_id) x"
                + " on x.agent_id = t.agent_id and x.task_id = t.task_id"
                + " left join (select e.agent_id, e.task_id, count(*) items from escalation_item s"
                + " join envelope e on e.id = s.envelope_id where s.tenant_id = ? group by e.agent_id, e.task_id) i"
                + " on i.agent_id = t.agent_id and i.task_id = t.task_id"
                + " left join task_outcome o on o.tenant_id = ? and o.agent_id = t.agent_id and o.task_id = t.task_id"
                // the hourly rate of the task type's baseline, else of its workflow's (as baselineOf chooses)
                + " left join (select y.type_key, coalesce(own.hourly_rate, wf.hourly_rate) rate from task_type y"
                + " join workflow w on w.id = y.workflow_id"
                + " left join baseline own on own.tenant_id = y.tenant_id and own.workflow_key = w.wf_key"
                + " and own.task_type = y.type_key"
                + " left join baseline wf on wf.tenant_id = y.tenant_id and wf.workflow_key = w.wf_key and wf.task_type = ''"
                + " where y.tenant_id = ?) r on r.type_key = t.task_type";
    }

    /** The tasks grouped by day, task type and agent, in that order. */
    private static String groups(Dialect dialect) {
        return "select f.rollup_day, f.task_type, f.agent_id, count(*),"
                + " sum(case when f.state = 'RESOLVED' then 1 else 0 end),"
                + " sum(case when f.state = 'ESCALATED' then 1 else 0 end),"
                + " sum(case when f.state = 'FAILED' then 1 else 0 end),"
                + " sum(case when f.state = 'ABANDONED' then 1 else 0 end),"
                + " sum(case when f.state = 'DENIED' then 1 else 0 end),"
                + " sum(case when f.state = 'OPEN' then 1 else 0 end),"
                + " sum(f.envelopes), sum(f.denied), sum(f.calls), sum(f.retries),"
                + " sum(f.model), sum(f.tool), sum(f.review_hours), sum(f.cost),"
                + " percentile_cont(0.5) within group (order by f.cost) filter (where f.state = 'RESOLVED'),"
                + " percentile_cont(0.95) within group (order by f.cost) filter (where f.state = 'RESOLVED'),"
                + " percentile_cont(0.5) within group (order by f.latency),"
                + " percentile_cont(0.95) within group (order by f.latency)"
                + " from (" + tasks(dialect) + ") f"
                + " group by f.rollup_day, f.task_type, f.agent_id order by f.rollup_day, f.task_type, f.agent_id";
    }

    /** What differs between the databases: whole milliseconds between two timestamps. */
    enum Dialect {
        POSTGRES {
            @Override
            String millisBetween(String from, String to) {
                return "floor(extract(epoch from (" + to + ") - " + from + ") * 1000)";
            }
        },
        H2 {
            @Override
            String millisBetween(String from, String to) {
                return "datediff(millisecond, " + from + ", " + to + ")";
            }
        };

        abstract String millisBetween(String from, String to);
    }

    private static final String GROUPS_POSTGRES = groups(Dialect.POSTGRES);
    private static final String GROUPS_H2 = groups(Dialect.H2);

    @Inject
    DatabaseProduct database;

    @Inject
    Sql sql;

    /** A task type's place in the taxonomy and its targets. */
    public record TaskTypeInfo(String workflow, RollupRow.Targets targets) {}

    /**
     * The tasks of a tenant whose first envelope is on the days {@code from} to {@code to} (both included),
     * grouped by day, task type and agent, oldest day first. One statement, however long the tables:
     * {@code longest} bounds it instead of the pool's statement timeout.
     */
    public List<TaskGroup> groupsOf(String tenant, LocalDate from, LocalDate to, Duration longest) {
        List<TaskGroup> groups = sql.listLongRunning(
                longest,
                database.isPostgres() ? GROUPS_POSTGRES : GROUPS_H2,
                RollupSources::group,
                tenant,
                from.atStartOfDay().atOffset(ZoneOffset.UTC),
                tenant,
                tenant,
                tenant,
                tenant);
        return groups.stream().filter(group -> !group.day().isAfter(to)).toList();
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

    private static TaskGroup group(ResultSet row) throws SQLException {
        return new TaskGroup(
                row.getObject(1, LocalDate.class),
                row.getString(2),
                row.getString(3),
                row.getLong(4),
                row.getLong(5),
                row.getLong(6),
                row.getLong(7),
                row.getLong(8),
                row.getLong(9),
                row.getLong(10),
                row.getLong(11),
                row.getLong(12),
                row.getLong(13),
                row.getLong(14),
                row.getBigDecimal(15),
                row.getBigDecimal(16),
                row.getBigDecimal(17),
                row.getBigDecimal(18),
                decimal(row, 19),
                decimal(row, 20),
                decimal(row, 21),
                decimal(row, 22));
    }

    /** A percentile: PostgreSQL computes it in double precision, H2 in the values' own type. */
    private static BigDecimal decimal(ResultSet row, int column) throws SQLException {
        Object value = row.getObject(column);
        if (value == null) {
            return null;
        }
        return value instanceof BigDecimal exact ? exact : new BigDecimal(value.toString());
    }

    private static String key(String first, String second) {
        return first + '\u0000' + second;
    }
}
