package dev.mandate.approval.boundary;

import dev.mandate.approval.control.ApprovalEvents;
import dev.mandate.approval.control.ApprovalStore;
import dev.mandate.approval.entity.ApprovalStatus;
import dev.mandate.approval.entity.ApprovalView;
import dev.mandate.audit.control.AuditAppender;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.escalation.control.EscalationQueue;
import dev.mandate.escalation.entity.EscalationSource;
import dev.mandate.escalation.entity.Resolution;
import dev.mandate.platform.sql.Sql;
import dev.mandate.routing.control.ApprovalRouting;
import dev.mandate.routing.entity.OnExpiry;
import dev.mandate.routing.entity.SlaClass;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happens when people take too long, each request in a transaction of its own: a warning before the
 * due time, and at it what its SLA class says (denied; handed to fallback approvers for a second period;
 * or handed to the escalation queue). An expired request gives back what its decision held.
 */
@Stateless
public class ApprovalExpiry {

    static final String ACTOR = "mandate-sla";

    @Inject
    ApprovalStore store;

    @Inject
    ApprovalRouting routing;

    @Inject
    EscalationQueue queue;

    @Inject
    ApprovalEvents events;

    @Inject
    AuditAppender audit;

    @Inject
    Sql sql;

    @EJB
    Approvals approvals;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String[]> due(int limit) {
        return store.due(Instant.now(), limit);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<ApprovalView> toWarn(int limit) {
        return store.toWarn(Instant.now(), limit);
    }

    /** Warns once that the request is about to breach its SLA. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void warn(ApprovalView approval) {
        if (sql.update("update approval_request set warned = true where id = ? and warned = false", approval.id())
                == 1) {
            Sql.Writes writes = sql.writes();
            events.warning(writes, approval);
            writes.run();
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void expire(String tenant, String id) {
        ApprovalView approval = store.locked(tenant, id).orElse(null);
        Instant now = Instant.now();
        if (approval == null
                || approval.status() != ApprovalStatus.PENDING
                || approval.dueAt().toInstant().isAfter(now)) {
            return;
        }
        SlaClass sla = routing.slaClass(tenant, approval.slaClass());
        boolean toFallback = approval.onExpiry() == OnExpiry.FALLBACK
                && !approval.fallback()
                && !approval.fallbackRoles().isEmpty();
        if (toFallback) {
            Instant due = now.plusSeconds(Math.max(1, sla.fallbackWithinSeconds()));
            sql.update(
                    "update approval_request set fallback = true, due_at = ?, warn_at = ?, warned = false"
                            + " where id = ?",
                    due,
                    due.minusSeconds(sla.warnBeforeSeconds()),
                    id);
            Map<String, String> details = details(
                    approval,
                    "SLA " + sla.name() + " breached: fallback approvers " + approval.fallbackRoles() + " decide until "
                            + due);
            audit.append(entry(approval, "approval.escalated", "FALLBACK", details));
            Sql.Writes writes = sql.writes();
            events.breached(writes, approval, "FALLBACK");
            writes.run();
            return;
        }
        sql.update(
                "update approval_request set status = 'EXPIRED', decided_at = ?, decided_by = ?, decision_reason = ?"
                        + " where id = ? and status = 'PENDING'",
                OffsetDateTime.now(ZoneOffset.UTC),
                ACTOR,
                "not decided within SLA class " + sla.name(),
                id);
        approvals.release(approval);
        Map<String, String> details = details(approval, "not decided within SLA class " + sla.name());
        Sql.Writes writes = sql.writes();
        if (approval.onExpiry() == OnExpiry.QUEUE) {
            queue.forEnvelope(
                            tenant,
                            approval.envelopeId(),
                            EscalationSource.APPROVAL_EXPIRED,
                            "approval " + id + " was not decided within SLA class " + sla.name(),
                            Resolution.EXECUTE,
                            "the approvers did not decide in time: check the action, then execute or reject it")
                    .ifPresent(opening -> details.put(
                            "escalationId", queue.open(writes, opening).id()));
        }
        events.breached(writes, approval, approval.onExpiry().name());
        events.decided(writes, approval, ApprovalStatus.EXPIRED, ACTOR, details.get("reason"));
        writes.run();
        audit.append(entry(approval, "approval.expired", "EXPIRED", details));
    }

    private static Map<String, String> details(ApprovalView approval, String reason) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("approvalId", approval.id());
        details.put("envelopeId", approval.envelopeId());
        details.put("reason", reason);
        return details;
    }

    private static AuditEntry entry(ApprovalView approval, String action, String outcome, Map<String, String> details) {
        return new AuditEntry(
                approval.tenant(),
                ACTOR,
                approval.agentId(),
                approval.taskId(),
                null,
                action,
                outcome,
                List.of(),
                approval.tool() + ":" + approval.action(),
                null,
                details);
    }
}
