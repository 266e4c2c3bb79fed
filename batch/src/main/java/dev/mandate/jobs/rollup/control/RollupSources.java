package dev.mandate.jobs.rollup.control;

import dev.mandate.jobs.rollup.entity.RoiInputs;
import dev.mandate.jobs.rollup.entity.RollupRow;
import dev.mandate.jobs.rollup.entity.TaskFacts;
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

    /** The tasks (agent, task id) whose first envelope is on the day: 3 parameters, the day's bounds and start. */
    private static final String OF_THE_DAY = " exists (select 1 from envelope f where f.tenant_id = %1$s.tenant_id"
            + " and f.agent_id = %1$s.agent_id and f.task_id = %1$s.task_id and f.created_at >= ? and f.created_at < ?)"
            + " and not exists (select 1 from envelope p where p.tenant_id = %1$s.tenant_id"
            + " and p.agent_id = %1$s.agent_id and p.task_id = %1$s.task_id and p.created_at < ?)";

    @Inject
    Sql sql;

    /** A task type's place in the taxonomy and its targets. */
    public record TaskTypeInfo(String workflow, RollupRow.Targets targets) {}

    /** The day's tasks of a tenant with everything known of them, by (agent, task id). */
    public List<TaskFacts> tasksOf(String tenant, LocalDate day) {
        OffsetDateTime from = day.atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime to = from.plusDays(1);
        Map<String, Executions> executions = new HashMap<>();
        sql.list(
                        "select x.agent_id, x.task_id, count(*), sum(x.attempts),"
                                + " sum(case when x.attempts > 1 then x.attempts - 1 else 0 end), sum(x.cost),"
                                + " sum(case when x.status = 'FAILED' then 1 else 0 end),"
                                + " sum(case when x.status = 'SUCCEEDED' then 1 else 0 end), max(x.finished_at)"
                                + " from execution x where x.tenant_id = ? and" + OF_THE_DAY.formatted("x")
                                + " group by x.agent_id, x.task_id",
                        row -> Map.entry(
                                key(row.getString(1), row.getString(2)),
                                new Executions(
                                        row.getInt(3),
                                        row.getInt(4),
                                        row.getInt(5),
                                        row.getBigDecimal(6),
                                        row.getInt(7),
                                        row.getInt(8),
                                        row.getObject(9, OffsetDateTime.class))),
                        tenant,
                        from,
                        to,
                        from)
                .forEach(e -> executions.put(e.getKey(), e.getValue()));
        Map<String, Integer> escalations = new HashMap<>();
        sql.list(
                        "select e.agent_id, e.task_id, count(*) from escalation_item i"
                                + " join envelope e on e.id = i.envelope_id"
                                + " where i.tenant_id = ? and" + OF_THE_DAY.formatted("e")
                                + " group by e.agent_id, e.task_id",
                        row -> Map.entry(key(row.getString(1), row.getString(2)), row.getInt(3)),
                        tenant,
                        from,
                        to,
                        from)
                .forEach(e -> escalations.put(e.getKey(), e.getValue()));
        Map<String, Object[]> outcomes = new HashMap<>();
        sql.list(
                        "select o.agent_id, o.task_id, o.outcome, o.complete_seconds, o.review_seconds"
                                + " from task_outcome o where o.tenant_id = ? and" + OF_THE_DAY.formatted("o"),
                        row -> Map.entry(
                                key(row.getString(1), row.getString(2)),
                                new Object[] {row.getString(3), row.getLong(4), row.getLong(5)}),
                        tenant,
                        from,
                        to,
                        from)
                .forEach(e -> outcomes.put(e.getKey(), e.getValue()));
        return sql.list(
                "select e.agent_id, e.task_id, min(e.task_type), min(e.created_at), max(e.created_at), count(*),"
                        + " sum(case when e.decision = 'DENY' then 1 else 0 end),"
                        + " sum(case when e.decision = 'ESCALATE' then 1 else 0 end), sum(e.cost)"
                        + " from envelope e where e.tenant_id = ? and" + OF_THE_DAY.formatted("e")
                        + " group by e.agent_id, e.task_id order by e.agent_id, e.task_id",
                row -> facts(row, executions, escalations, outcomes),
                tenant,
                from,
                to,
                from);
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

    private record Executions(
            int count,
            int calls,
            int retries,
            BigDecimal cost,
            int failed,
            int succeeded,
            OffsetDateTime lastFinishedAt) {
        static final Executions NONE = new Executions(0, 0, 0, BigDecimal.ZERO, 0, 0, null);
    }

    private static TaskFacts facts(
            ResultSet row,
            Map<String, Executions> executions,
            Map<String, Integer> escalations,
            Map<String, Object[]> outcomes)
            throws SQLException {
        String key = key(row.getString(1), row.getString(2));
        Executions x = executions.getOrDefault(key, Executions.NONE);
        Object[] outcome = outcomes.get(key);
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
                x.count(),
                x.calls(),
                x.retries(),
                x.cost(),
                x.failed(),
                x.succeeded(),
                x.lastFinishedAt(),
                escalations.getOrDefault(key, 0),
                outcome == null ? null : (String) outcome[0],
                outcome == null ? null : (Long) outcome[1],
                outcome == null ? 0 : (Long) outcome[2]);
    }

    private static String key(String first, String second) {
        return first + '\u0000' + second;
    }
}
