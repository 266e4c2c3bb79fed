package dev.mandate.report.boundary;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.platform.paging.Page;
import dev.mandate.platform.paging.PageRequest;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.sql.Sql;
import dev.mandate.report.entity.TaskTypeRollups;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The cost and outcome rollup and the drift report as the jobs left them, the caller's tenant's only.
 * Read-only: the rows are the jobs' (cost-rollup), never written here.
 */
@Stateless
public class Reports {

    private static final String ROLLUP_COLUMNS = "rollup_day, workflow_key, task_type, agent_id, tasks, resolved,"
            + " escalated, failed, denied, abandoned, still_open, envelopes, denied_envelopes, tool_calls, retries,"
            + " success_rate, escalation_rate, target_success_rate, target_escalation_rate, model_cost, tool_cost,"
            + " review_hours, review_cost, total_cost, cost_per_task, resolved_cost_p50, resolved_cost_p95,"
            + " latency_p50_ms, latency_p95_ms, baseline_cost_per_item, baseline_hours_saved, hourly_rate, roi,"
            + " job_execution_id, computed_at";

    @Inject
    Sql sql;

    /** Filters of the rollup; each may be null. */
    public record RollupFilter(LocalDate from, LocalDate to, String taskType, String agentId) {}

    /** Rollup rows by day, task type and agent. */
    public Page<JsonObject> rollups(Caller caller, RollupFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" where tenant_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(caller.tenant()));
        if (filter.from() != null) {
            where.append(" and rollup_day >= ?");
            parameters.add(filter.from());
        }
        if (filter.to() != null) {
            where.append(" and rollup_day <= ?");
            parameters.add(filter.to());
        }
        if (filter.taskType() != null) {
            where.append(" and task_type = ?");
            parameters.add(filter.taskType());
        }
        if (filter.agentId() != null) {
            where.append(" and agent_id = ?");
            parameters.add(filter.agentId());
        }
        long total = sql.first("select count(*) from cost_rollup" + where, row -> row.getLong(1), parameters.toArray())
                .orElse(0L);
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(page.offset());
        paged.add(page.limit());
        List<JsonObject> items = sql.list(
                "select " + ROLLUP_COLUMNS + " from cost_rollup" + where
                        + " order by rollup_day, task_type, agent_id offset ? rows fetch next ? rows only",
                Reports::rollup,
                paged.toArray());
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    /**
     * Per task type, the rollup's rows from day {@code from} on, summed: what the cost and latency
     * dashboards have to show for it.
     */
    public List<TaskTypeRollups> byTaskType(Caller caller, LocalDate from) {
        return sql.list(
                "select task_type, count(*), coalesce(sum(tasks), 0), max(rollup_day), max(resolved_cost_p95),"
                        + " max(latency_p95_ms) from cost_rollup where tenant_id = ? and rollup_day >= ?"
                        + " group by task_type order by task_type",
                row -> {
                    BigDecimal costP95 = row.getBigDecimal(5);
                    long latencyP95 = row.getLong(6);
                    return new TaskTypeRollups(
                            row.getString(1),
                            row.getLong(2),
                            row.getLong(3),
                            row.getObject(4, LocalDate.class),
                            costP95 == null ? null : plain(costP95),
                            row.wasNull() ? null : latencyP95);
                },
                caller.tenant(),
                from);
    }

    /** The latest drift report: per task type and metric, flagged ones first. */
    public List<JsonObject> drift(Caller caller) {
        return sql.list(
                "select task_type, metric, recent_value, reference_value, change_value, threshold, flagged,"
                        + " recent_tasks, reference_tasks, recent_from, reference_from, through_day, job_execution_id,"
                        + " computed_at from drift_report where tenant_id = ?"
                        + " order by flagged desc, task_type, metric",
                Reports::drift,
                caller.tenant());
    }

    private static JsonObject rollup(ResultSet r) throws SQLException {
        int tasks = r.getInt(5);
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("day", r.getObject(1, LocalDate.class).toString())
                .add("workflow", r.getString(2))
                .add("taskType", r.getString(3))
                .add("agentId", r.getString(4))
                .add(
                        "tasks",
                        JSON.createObjectBuilder()
                                .add("total", tasks)
                                .add("resolved", r.getInt(6))
                                .add("escalated", r.getInt(7))
                                .add("failed", r.getInt(8))
                                .add("denied", r.getInt(9))
                                .add("abandoned", r.getInt(10))
                                .add("open", r.getInt(11)))
                .add("envelopes", r.getInt(12))
                .add("deniedEnvelopes", r.getInt(13))
                .add("toolCalls", r.getInt(14))
                .add("retries", r.getInt(15));
        BigDecimal success = r.getBigDecimal(16);
        BigDecimal escalation = r.getBigDecimal(17);
        BigDecimal successTarget = r.getBigDecimal(18);
        BigDecimal escalationTarget = r.getBigDecimal(19);
        JsonObjectBuilder rates =
                JSON.createObjectBuilder().add("success", plain(success)).add("escalation", plain(escalation));
        if (successTarget != null) {
            rates.add("successTarget", plain(successTarget))
                    .add("meetsSuccessTarget", success.compareTo(successTarget) >= 0);
        }
        if (escalationTarget != null) {
            rates.add("escalationTarget", plain(escalationTarget))
                    .add("withinEscalationTarget", escalation.compareTo(escalationTarget) <= 0);
        }
        json.add("rates", rates);
        JsonObjectBuilder cost = JSON.createObjectBuilder()
                .add("model", plain(r.getBigDecimal(20)))
                .add("tools", plain(r.getBigDecimal(21)))
                .add("reviewHours", plain(r.getBigDecimal(22)))
                .add("review", plain(r.getBigDecimal(23)))
                .add("total", plain(r.getBigDecimal(24)))
                .add("perTask", plain(r.getBigDecimal(25)));
        addIfSet(cost, "perResolvedP50", r.getBigDecimal(26));
        addIfSet(cost, "perResolvedP95", r.getBigDecimal(27));
        json.add("cost", cost);
        JsonObjectBuilder latency = JSON.createObjectBuilder();
        long p50 = r.getLong(28);
        if (!r.wasNull()) {
            latency.add("p50Millis", p50).add("p95Millis", r.getLong(29));
        }
        json.add("latency", latency);
        BigDecimal roi = r.getBigDecimal(33);
        if (roi != null) {
            json.add(
                    "roi",
                    JSON.createObjectBuilder()
                            .add("value", plain(roi))
                            .add("resolved", r.getInt(6))
                            .add("baselineCostPerItem", plain(r.getBigDecimal(30)))
                            .add("costPerTask", plain(r.getBigDecimal(25)))
                            .add("hoursSaved", plain(r.getBigDecimal(31)))
                            .add("hourlyRate", plain(r.getBigDecimal(32)))
                            .add(
                                    "formula",
                                    "resolved × (baselineCostPerItem − costPerTask) + hoursSaved × hourlyRate"));
        }
        return json.add("jobExecutionId", r.getLong(34))
                .add(
                        "computedAt",
                        r.getObject(35, java.time.OffsetDateTime.class)
                                .toInstant()
                                .toString())
                .build();
    }

    private static JsonObject drift(ResultSet r) throws SQLException {
        JsonObjectBuilder json =
                JSON.createObjectBuilder().add("taskType", r.getString(1)).add("metric", r.getString(2));
        addIfSet(json, "recent", r.getBigDecimal(3));
        addIfSet(json, "reference", r.getBigDecimal(4));
        addIfSet(json, "change", r.getBigDecimal(5));
        return json.add("threshold", plain(r.getBigDecimal(6)))
                .add("flagged", r.getBoolean(7))
                .add("recentTasks", r.getLong(8))
                .add("referenceTasks", r.getLong(9))
                .add("recentFrom", r.getObject(10, LocalDate.class).toString())
                .add("referenceFrom", r.getObject(11, LocalDate.class).toString())
                .add("through", r.getObject(12, LocalDate.class).toString())
                .add("jobExecutionId", r.getLong(13))
                .add(
                        "computedAt",
                        r.getObject(14, java.time.OffsetDateTime.class)
                                .toInstant()
                                .toString())
                .build();
    }

    private static void addIfSet(JsonObjectBuilder json, String name, BigDecimal value) {
        if (value != null) {
            json.add(name, plain(value));
        }
    }

    /** 2.500000 → 2.5 and 100.000000 → 100 (not 1E+2). */
    private static BigDecimal plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
