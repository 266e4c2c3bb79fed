package dev.mandate.jobs.rollup.control;

import dev.mandate.jobs.rollup.entity.DayRollup;
import dev.mandate.jobs.rollup.entity.DriftFinding;
import dev.mandate.jobs.rollup.entity.DriftWindow;
import dev.mandate.jobs.rollup.entity.RollupRow;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the rollup's results, always in the caller's transaction: a day's rows are deleted and inserted
 * together, so a day rolled up twice (a second run, a restart after a crash) is replaced, never added to.
 */
@ApplicationScoped
public class RollupStore {

    @Inject
    Sql sql;

    public void replace(String tenant, long executionId, DayRollup day) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Sql.Writes writes = sql.writes();
        writes.add("delete from cost_rollup where tenant_id = ? and rollup_day = ?", tenant, day.day());
        for (RollupRow r : day.rows()) {
            writes.add(
                    "insert into cost_rollup (tenant_id, rollup_day, workflow_key, task_type, agent_id, tasks,"
                            + " resolved, escalated, failed, denied, abandoned, still_open, envelopes, denied_envelopes,"
                            + " tool_calls, retries, success_rate, escalation_rate, target_success_rate,"
                            + " target_escalation_rate, model_cost, tool_cost, review_hours, review_cost, total_cost,"
                            + " cost_per_task, resolved_cost_p50, resolved_cost_p95, latency_p50_ms, latency_p95_ms,"
                            + " baseline_cost_per_item, baseline_hours_saved, hourly_rate, roi, job_execution_id,"
                            + " computed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    tenant,
                    r.day(),
                    r.workflow(),
                    r.taskType(),
                    r.agentId(),
                    r.tasks(),
                    r.resolved(),
                    r.escalated(),
                    r.failed(),
                    r.denied(),
                    r.abandoned(),
                    r.open(),
                    r.envelopes(),
                    r.deniedEnvelopes(),
                    r.toolCalls(),
                    r.retries(),
                    r.successRate(),
                    r.escalationRate(),
                    r.targets().successRate(),
                    r.targets().escalationRate(),
                    r.modelCost(),
                    r.toolCost(),
                    r.reviewHours(),
                    r.reviewCost(),
                    r.totalCost(),
                    r.costPerTask(),
                    r.resolvedCostP50(),
                    r.resolvedCostP95(),
                    r.latencyP50Millis(),
                    r.latencyP95Millis(),
                    r.roi() == null ? null : r.roi().baselineCostPerItem(),
                    r.roi() == null ? null : r.roi().hoursSaved(),
                    r.roi() == null ? null : r.roi().hourlyRate(),
                    r.roi() == null ? null : r.roi().value(),
                    executionId,
                    now);
        }
        writes.run();
    }

    public void skipped(String tenant, long executionId, LocalDate day, String reason) {
        sql.update(
                "insert into cost_rollup_skip (tenant_id, job_execution_id, rollup_day, reason, skipped_at)"
                        + " values (?, ?, ?, ?, ?)",
                tenant,
                executionId,
                day,
                reason.length() > 2000 ? reason.substring(0, 2000) : reason,
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** Each task type's totals over the days {@code from} to {@code through}, both included. */
    public Map<String, DriftWindow> window(String tenant, LocalDate from, LocalDate through) {
        Map<String, DriftWindow> windows = new HashMap<>();
        sql.list(
                        "select task_type, sum(tasks), sum(resolved), sum(escalated), sum(envelopes),"
                                + " sum(denied_envelopes), sum(total_cost) from cost_rollup"
                                + " where tenant_id = ? and rollup_day >= ? and rollup_day <= ? group by task_type",
                        row -> Map.entry(
                                row.getString(1),
                                new DriftWindow(
                                        row.getLong(2),
                                        row.getLong(3),
                                        row.getLong(4),
                                        row.getLong(5),
                                        row.getLong(6),
                                        row.getBigDecimal(7))),
                        tenant,
                        from,
                        through)
                .forEach(e -> windows.put(e.getKey(), e.getValue()));
        return windows;
    }

    /** Replaces the tenant's drift report with these findings. */
    public void replaceDrift(
            String tenant,
            long executionId,
            LocalDate recentFrom,
            LocalDate referenceFrom,
            LocalDate through,
            List<DriftFinding> findings) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Sql.Writes writes = sql.writes();
        writes.add("delete from drift_report where tenant_id = ?", tenant);
        for (DriftFinding f : findings) {
            writes.add(
                    "insert into drift_report (tenant_id, task_type, metric, recent_value, reference_value,"
                            + " change_value, threshold, flagged, recent_tasks, reference_tasks, recent_from,"
                            + " reference_from, through_day, job_execution_id, computed_at)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    tenant,
                    f.taskType(),
                    f.metric().name(),
                    f.recent(),
                    f.reference(),
                    f.change(),
                    f.threshold(),
                    f.flagged(),
                    f.recentTasks(),
                    f.referenceTasks(),
                    recentFrom,
                    referenceFrom,
                    through,
                    executionId,
                    now);
        }
        writes.run();
    }
}
