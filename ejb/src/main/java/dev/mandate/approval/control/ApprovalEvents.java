package dev.mandate.approval.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.approval.entity.ApprovalStatus;
import dev.mandate.approval.entity.ApprovalView;
import dev.mandate.eventlog.control.EventLog;
import dev.mandate.metrics.control.MandateMetrics;
import dev.mandate.notification.control.Notifications;
import dev.mandate.platform.change.AfterCommit;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;

/**
 * Tells the tenant's webhooks what happens to approval requests (created, about to breach, breached,
 * decided), and the agent's callback how its request was decided, in the transaction of what happened.
 */
@ApplicationScoped
public class ApprovalEvents {

    @Inject
    Notifications notifications;

    @Inject
    MandateMetrics metrics;

    @Inject
    EventLog events;

    @Inject
    AfterCommit afterCommit;

    public void created(Sql.Writes writes, String tenant, String id, String envelopeId, String slaClass, Instant due) {
        notifications.publish(
                writes,
                tenant,
                "approval.created",
                id,
                JSON.createObjectBuilder()
                        .add("approvalId", id)
                        .add("envelopeId", envelopeId)
                        .add("slaClass", slaClass)
                        .add("dueAt", due.toString())
                        .add("href", "/api/v1/approvals/" + id)
                        .build());
    }

    public void warning(Sql.Writes writes, ApprovalView approval) {
        notifications.publish(
                writes,
                approval.tenant(),
                "approval.sla_warning",
                approval.id(),
                about(approval).build());
    }

    /** @param then what happens now: DENY, FALLBACK or QUEUE */
    public void breached(Sql.Writes writes, ApprovalView approval, String then) {
        notifications.publish(
                writes,
                approval.tenant(),
                "approval.sla_breached",
                approval.id(),
                about(approval).add("then", then).build());
        afterCommit.run(() -> metrics.slaBreached(approval.tenant(), "approval"));
    }

    public void decided(Sql.Writes writes, ApprovalView approval, ApprovalStatus status, String by, String reason) {
        JsonObjectBuilder data = about(approval).add("status", status.name()).add("decidedBy", by);
        if (reason != null) {
            data.add("reason", reason);
        }
        JsonObject event = data.build();
        notifications.publish(writes, approval.tenant(), "approval.decided", approval.id(), event);
        if (approval.callbackUrl() != null) {
            notifications.callBack(
                    writes, approval.tenant(), approval.callbackUrl(), "approval.decided", approval.id(), event);
        }
        afterCommit.run(() -> observe(approval, status, by));
    }

    /** Counted and logged as one event; the decision's reason (free text) is not logged, the person only as a digest. */
    private void observe(ApprovalView approval, ApprovalStatus status, String by) {
        metrics.approvalDecided(approval.tenant(), status.name());
        if (events.enabled()) {
            events.event("approval", status == ApprovalStatus.APPROVED ? "INFO" : "WARN", "approval " + status)
                    .with("tenant", approval.tenant())
                    .with("agent", approval.agentId())
                    .with("envelope_id", approval.envelopeId())
                    .with("approval_id", approval.id())
                    .with("task_type", approval.taskType())
                    .with("tool", approval.tool())
                    .with("action", approval.action())
                    .with("sla_class", approval.slaClass())
                    .with("outcome", status.name())
                    .person("decided_by", by)
                    .with(
                            "latency_ms",
                            Duration.between(approval.createdAt().toInstant(), Instant.now())
                                    .toMillis())
                    .write();
        }
    }

    private static JsonObjectBuilder about(ApprovalView approval) {
        return JSON.createObjectBuilder()
                .add("approvalId", approval.id())
                .add("envelopeId", approval.envelopeId())
                .add("agentId", approval.agentId())
                .add("tool", approval.tool())
                .add("action", approval.action())
                .add("riskClass", approval.riskClass())
                .add("slaClass", approval.slaClass())
                .add("dueAt", approval.dueAt().toInstant().toString())
                .add("href", "/api/v1/approvals/" + approval.id());
    }
}
