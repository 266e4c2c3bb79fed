package dev.mandate.escalation.control;

import dev.mandate.escalation.entity.EscalationOpening;
import dev.mandate.escalation.entity.EscalationSource;
import dev.mandate.escalation.entity.EscalationStatus;
import dev.mandate.escalation.entity.Resolution;
import dev.mandate.platform.id.TimeOrderedIds;
import dev.mandate.platform.sql.Sql;
import dev.mandate.routing.control.ApprovalRouting;
import dev.mandate.routing.entity.SlaClass;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Puts items into the escalation queue, in the transaction of what caused them: at most one per envelope
 * and source, so a cause observed twice (a retried transaction) opens one item.
 */
@ApplicationScoped
public class EscalationQueue {

    static final int WHY_CHARS = 2000;

    @Inject
    Sql sql;

    @Inject
    ApprovalRouting routing;

    @Inject
    EscalationEvents events;

    /** Opens the item in {@code writes} (run by their owner); returns its id and due time. */
    public Opened open(Sql.Writes writes, EscalationOpening o) {
        SlaClass sla = sla(o);
        Instant now = Instant.now();
        Instant due = now.plusSeconds(sla.decideWithinSeconds());
        String id = TimeOrderedIds.next();
        writes.add(
                "insert into escalation_item (id, tenant_id, envelope_id, source, agent_id, task_type, tool_key,"
                        + " action_key, risk_class, why, suggested_action, suggestion_reason, sla_class, due_at, warn_at,"
                        + " warned, breached, status, created_at) select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " false, false, ?, ? where not exists (select 1 from escalation_item"
                        + " where envelope_id = ? and source = ?)",
                id,
                o.tenant(),
                o.envelopeId(),
                o.source().name(),
                o.agentId(),
                o.taskType(),
                o.tool(),
                o.action(),
                o.riskClass(),
                cut(o.why()),
                o.suggestedAction().name(),
                cut(o.suggestionReason()),
                sla.name(),
                due,
                due.minusSeconds(sla.warnBeforeSeconds()),
                EscalationStatus.OPEN.name(),
                now,
                o.envelopeId(),
                o.source().name());
        events.created(writes, o.tenant(), id, o.envelopeId(), sla.name(), due);
        return new Opened(id, sla.name(), due);
    }

    /** Opens the item at once, in the caller's transaction. */
    public Opened open(EscalationOpening o) {
        Sql.Writes writes = sql.writes();
        Opened opened = open(writes, o);
        writes.run();
        return opened;
    }

    /** An opening for a recorded envelope (its task type, tool and risk class as decided). */
    public Optional<EscalationOpening> forEnvelope(
            String tenant,
            String envelopeId,
            EscalationSource source,
            String why,
            Resolution suggested,
            String suggestionReason) {
        return sql.first(
                "select agent_id, task_type, tool_key, action_key, risk_class from envelope where id = ?"
                        + " and tenant_id = ?",
                r -> new EscalationOpening(
                        tenant,
                        envelopeId,
                        source,
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        r.getString(4),
                        r.getString(5),
                        why,
                        suggested,
                        suggestionReason,
                        null),
                envelopeId,
                tenant);
    }

    /** The item's SLA class: the one named, else the one the approval policy for its task and risk names. */
    private SlaClass sla(EscalationOpening o) {
        String name = o.slaClass() != null
                ? o.slaClass()
                : routing.route(o.tenant(), List.of(), o.taskType(), o.riskClass())
                        .slaClass();
        return routing.slaClass(o.tenant(), name);
    }

    static String cut(String text) {
        return text == null || text.length() <= WHY_CHARS ? text : text.substring(0, WHY_CHARS);
    }

    /** An item opened (or, where one existed for the same cause, the one that would have been). */
    public record Opened(String id, String slaClass, Instant dueAt) {}
}
