package dev.mandate.escalation.control;

import dev.mandate.escalation.entity.EscalationSource;
import dev.mandate.escalation.entity.EscalationStatus;
import dev.mandate.escalation.entity.EscalationView;
import dev.mandate.escalation.entity.Resolution;
import dev.mandate.platform.schema.DatabaseProduct;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads escalation items: one, a filtered page in due order, the due ones. */
@ApplicationScoped
public class EscalationStore {

    static final String COLUMNS = "id, tenant_id, envelope_id, source, agent_id, task_type, tool_key, action_key,"
            + " risk_class, why, suggested_action, suggestion_reason, sla_class, due_at, breached, status, assignee,"
            + " claimed_at, resolution, resolution_reason, edited_arguments, result_envelope_id, resolved_by,"
            + " resolved_at, created_at";

    @Inject
    Sql sql;

    @Inject
    DatabaseProduct database;

    public Optional<EscalationView> view(String tenant, String id) {
        return sql.first(
                "select " + COLUMNS + " from escalation_item where id = ? and tenant_id = ?",
                EscalationStore::row,
                id,
                tenant);
    }

    /** The item, locked until the transaction ends: claims and resolutions of one item run one at a time. */
    public Optional<EscalationView> locked(String tenant, String id) {
        return sql.first(
                "select " + COLUMNS + " from escalation_item where id = ? and tenant_id = ? for update",
                EscalationStore::row,
                id,
                tenant);
    }

    public List<EscalationView> ofEnvelope(String tenant, String envelopeId) {
        return sql.list(
                "select " + COLUMNS + " from escalation_item where envelope_id = ? and tenant_id = ? order by id",
                EscalationStore::row,
                envelopeId,
                tenant);
    }

    /** What a page of the queue is filtered by. */
    public record EscalationQuery(
            String tenant,
            EscalationStatus status,
            Boolean breached,
            String riskClass,
            String agentId,
            String taskType,
            String assignee,
            EscalationSource source,
            Instant afterDueAt,
            String afterId,
            int limit) {}

    public List<EscalationView> page(EscalationQuery q) {
        StringBuilder where = new StringBuilder("tenant_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(q.tenant());
        filter(where, params, "status", q.status() == null ? null : q.status().name());
        filter(where, params, "risk_class", q.riskClass());
        filter(where, params, "agent_id", q.agentId());
        filter(where, params, "task_type", q.taskType());
        filter(where, params, "assignee", q.assignee());
        filter(where, params, "source", q.source() == null ? null : q.source().name());
        if (q.breached() != null) {
            where.append(q.breached() ? " and due_at < ?" : " and due_at >= ?");
            params.add(Instant.now());
        }
        if (q.afterDueAt() != null) {
            where.append(" and (due_at > ? or (due_at = ? and id > ?))");
            params.add(q.afterDueAt());
            params.add(q.afterDueAt());
            params.add(q.afterId());
        }
        return sql.list(
                "select " + COLUMNS + " from escalation_item where " + where + " order by due_at, id fetch first "
                        + q.limit() + " rows only",
                EscalationStore::row,
                params.toArray());
    }

    /** Unresolved items whose warning time or due time has come and who were not told yet. */
    public List<String[]> toWarnOrBreach(Instant now, int limit) {
        return sql.list(
                "select id, tenant_id, case when due_at <= ? then 'BREACH' else 'WARN' end from escalation_item"
                        + " where status <> 'RESOLVED' and ((warned = false and warn_at <= ?) or (breached = false"
                        + " and due_at <= ?)) fetch first " + limit + " rows only",
                r -> new String[] {r.getString(1), r.getString(2), r.getString(3)},
                now,
                now,
                now);
    }

    private static void filter(StringBuilder where, List<Object> params, String column, String value) {
        if (value != null) {
            where.append(" and ").append(column).append(" = ?");
            params.add(value);
        }
    }

    static EscalationView row(ResultSet r) throws SQLException {
        return new EscalationView(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                EscalationSource.valueOf(r.getString(4)),
                r.getString(5),
                r.getString(6),
                r.getString(7),
                r.getString(8),
                r.getString(9),
                r.getString(10),
                Resolution.valueOf(r.getString(11)),
                r.getString(12),
                r.getString(13),
                r.getObject(14, OffsetDateTime.class),
                r.getBoolean(15),
                EscalationStatus.valueOf(r.getString(16)),
                r.getString(17),
                r.getObject(18, OffsetDateTime.class),
                r.getString(19) == null ? null : Resolution.valueOf(r.getString(19)),
                r.getString(20),
                r.getString(21),
                r.getString(22),
                r.getString(23),
                r.getObject(24, OffsetDateTime.class),
                r.getObject(25, OffsetDateTime.class));
    }
}
