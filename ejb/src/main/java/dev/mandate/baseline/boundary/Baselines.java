package dev.mandate.baseline.boundary;

import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.baseline.entity.Baseline;
import dev.mandate.configuration.control.ConfigurationChanges;
import dev.mandate.platform.error.ConflictException;
import dev.mandate.platform.error.ConstraintViolations;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.id.TimeOrderedIds;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.sql.Sql;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The customer's baselines per workflow or task type: one per (workflow, task type), the workflow's own
 * with no task type. The workflow and task type must be the tenant's, the task type of that workflow.
 */
@Stateless
public class Baselines {

    /** The column value of a workflow's own baseline (no task type). */
    private static final String WHOLE_WORKFLOW = "";

    private static final String COLUMNS = "id, workflow_key, task_type, weekly_volume, sla_target_minutes,"
            + " cost_per_item, handling_minutes, backlog, hourly_rate, version, updated_at, updated_by";

    @Inject
    Sql sql;

    @Inject
    ConfigurationChanges changes;

    public Baseline create(Caller caller, Baseline.Figures figures) {
        checkTaxonomy(caller, figures);
        String id = TimeOrderedIds.next();
        unique(
                figures,
                () -> sql.update(
                        "insert into baseline (" + COLUMNS
                                + ", tenant_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
                        id,
                        figures.workflow(),
                        column(figures.taskType()),
                        figures.weeklyVolume(),
                        figures.slaTargetMinutes(),
                        figures.costPerItem(),
                        figures.handlingMinutes(),
                        figures.backlog(),
                        figures.hourlyRate(),
                        OffsetDateTime.now(ZoneOffset.UTC),
                        caller.subject(),
                        caller.tenant()));
        Baseline created = get(caller, id);
        audit(caller, "baseline.created", created);
        return created;
    }

    public Baseline replace(Caller caller, String id, Baseline.Figures figures) {
        get(caller, id);
        checkTaxonomy(caller, figures);
        unique(
                figures,
                () -> sql.update(
                        "update baseline set workflow_key = ?, task_type = ?, weekly_volume = ?, sla_target_minutes ="
                                + " ?, cost_per_item = ?, handling_minutes = ?, backlog = ?, hourly_rate = ?, version ="
                                + " version + 1, updated_at = ?, updated_by = ? where tenant_id = ? and id = ?",
                        figures.workflow(),
                        column(figures.taskType()),
                        figures.weeklyVolume(),
                        figures.slaTargetMinutes(),
                        figures.costPerItem(),
                        figures.handlingMinutes(),
                        figures.backlog(),
                        figures.hourlyRate(),
                        OffsetDateTime.now(ZoneOffset.UTC),
                        caller.subject(),
                        caller.tenant(),
                        id));
        Baseline replaced = get(caller, id);
        audit(caller, "baseline.changed", replaced);
        return replaced;
    }

    public void delete(Caller caller, String id) {
        Baseline baseline = get(caller, id);
        sql.update("delete from baseline where tenant_id = ? and id = ?", caller.tenant(), id);
        audit(caller, "baseline.deleted", baseline);
    }

    public Baseline get(Caller caller, String id) {
        return sql.first(
                        "select " + COLUMNS + " from baseline where tenant_id = ? and id = ?",
                        Baselines::read,
                        caller.tenant(),
                        id)
                .orElseThrow(() -> new ResourceNotFoundException("baseline", id));
    }

    /** The tenant's baselines by workflow, then task type (the workflow's own first). */
    public List<Baseline> list(Caller caller) {
        return sql.list(
                "select " + COLUMNS + " from baseline where tenant_id = ? order by workflow_key, task_type",
                Baselines::read,
                caller.tenant());
    }

    private void checkTaxonomy(Caller caller, Baseline.Figures figures) {
        Optional<String> workflow = sql.first(
                "select id from workflow where tenant_id = ? and wf_key = ?",
                row -> row.getString(1),
                caller.tenant(),
                figures.workflow());
        if (workflow.isEmpty()) {
            throw new InvalidRequestException("workflow", "is not a workflow of this tenant");
        }
        if (figures.taskType() != null
                && sql.first(
                                "select id from task_type where tenant_id = ? and type_key = ? and workflow_id = ?",
                                row -> row.getString(1),
                                caller.tenant(),
                                figures.taskType(),
                                workflow.get())
                        .isEmpty()) {
            throw new InvalidRequestException("taskType", "is not a task type of workflow " + figures.workflow());
        }
    }

    private static void unique(Baseline.Figures figures, Runnable write) {
        try {
            write.run();
        } catch (PersistenceException e) {
            if (ConstraintViolations.isIntegrityViolation(e)) {
                throw new ConflictException("a baseline of " + figures.workflow()
                        + (figures.taskType() == null ? "" : " / " + figures.taskType()) + " exists already");
            }
            throw e;
        }
    }

    private void audit(Caller caller, String action, Baseline baseline) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("baseline", baseline.id());
        details.put("workflow", baseline.workflow());
        if (baseline.taskType() != null) {
            details.put("taskType", baseline.taskType());
        }
        details.put("costPerItem", baseline.costPerItem().toPlainString());
        details.put("handlingMinutes", baseline.handlingMinutes().toPlainString());
        details.put("hourlyRate", baseline.hourlyRate().toPlainString());
        changes.record(AuditEntry.adminChange(caller, action, null, details));
    }

    private static String column(String taskType) {
        return taskType == null ? WHOLE_WORKFLOW : taskType;
    }

    private static Baseline read(java.sql.ResultSet row) throws java.sql.SQLException {
        String taskType = row.getString(3);
        return new Baseline(
                row.getString(1),
                row.getString(2),
                WHOLE_WORKFLOW.equals(taskType) ? null : taskType,
                nullableLong(row, 4),
                nullableLong(row, 5),
                row.getBigDecimal(6),
                row.getBigDecimal(7),
                nullableLong(row, 8),
                row.getBigDecimal(9),
                row.getLong(10),
                row.getObject(11, OffsetDateTime.class),
                row.getString(12));
    }

    private static Long nullableLong(java.sql.ResultSet row, int column) throws java.sql.SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
