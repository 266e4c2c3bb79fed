package dev.mandate.escalation.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.escalation.entity.EscalationView;
import dev.mandate.eventlog.control.EventLog;
import dev.mandate.metrics.control.MandateMetrics;
import dev.mandate.notification.control.Notifications;
import dev.mandate.platform.change.AfterCommit;
import dev.mandate.platform.json.JsonStrings;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;

/**
 * Tells the tenant's webhooks what happens to escalation items (created, about to breach, breached,
 * resolved), and the agent's callback how its envelope was resolved, in the transaction of what happened.
 */
@ApplicationScoped
public class EscalationEvents {

    @Inject
    Notifications notifications;

    @Inject
    Sql sql;

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
                "escalation.created",
                id,
                JSON.createObjectBuilder()
                        .add("escalationId", id)
                        .add("envelopeId", envelopeId)
                        .add("slaClass", slaClass)
                        .add("dueAt", due.toString())
                        .add("href", "/api/v1/escalations/" + id)
                        .build());
    }

    public void warning(Sql.Writes writes, EscalationView item) {
        notifications.publish(
                writes,
                item.tenant(),
                "escalation.sla_warning",
                item.id(),
                about(item).build());
    }

    public void breached(Sql.Writes writes, EscalationView item) {
        notifications.publish(
                writes,
                item.tenant(),
                "escalation.sla_breached",
                item.id(),
                about(item).build());
        afterCommit.run(() -> metrics.slaBreached(item.tenant(), "escalation"));
    }

    public void resolved(Sql.Writes writes, EscalationView item) {
        JsonObjectBuilder data =
                about(item).add("resolution", item.resolution().name()).add("resolvedBy", item.resolvedBy());
        if (item.resolutionReason() != null) {
            data.add("reason", item.resolutionReason());
        }
        if (item.resultEnvelopeId() != null) {
            data.add("newEnvelopeId", item.resultEnvelopeId());
        }
        JsonObject event = data.build();
        notifications.publish(writes, item.tenant(), "escalation.resolved", item.id(), event);
        callbackUrl(item)
                .ifPresent(url ->
                        notifications.callBack(writes, item.tenant(), url, "escalation.resolved", item.id(), event));
        if (events.enabled()) {
            afterCommit.run(() -> events.event("escalation", "INFO", "escalation " + item.resolution())
                    .with("tenant", item.tenant())
                    .with("agent", item.agentId())
                    .with("envelope_id", item.envelopeId())
                    .with("escalation_id", item.id())
                    .with("source", item.source().name())
                    .with("task_type", item.taskType())
                    .with("tool", item.tool())
                    .with("action", item.action())
                    .with("outcome", item.resolution().name())
                    .person("resolved_by", item.resolvedBy())
                    .with(
                            "latency_ms",
                            Duration.between(item.createdAt().toInstant(), Instant.now())
                                    .toMillis())
                    .write());
        }
    }

    private java.util.Optional<String> callbackUrl(EscalationView item) {
        return sql.first(
                        "select request_json from envelope where id = ? and tenant_id = ?",
                        r -> JsonStrings.object(r.getString(1)).getString("callbackUrl", null),
                        item.envelopeId(),
                        item.tenant())
                .flatMap(java.util.Optional::ofNullable);
    }

    private static JsonObjectBuilder about(EscalationView item) {
        return JSON.createObjectBuilder()
                .add("escalationId", item.id())
                .add("envelopeId", item.envelopeId())
                .add("source", item.source().name())
                .add("agentId", item.agentId())
                .add("tool", item.tool())
                .add("action", item.action())
                .add("riskClass", item.riskClass())
                .add("slaClass", item.slaClass())
                .add("dueAt", item.dueAt().toInstant().toString())
                .add("href", "/api/v1/escalations/" + item.id());
    }
}
