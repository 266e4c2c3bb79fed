package dev.mandate.alert.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.alert.entity.Alert;
import dev.mandate.alert.entity.AlertRuleSpec;
import dev.mandate.audit.control.AuditAppender;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.notification.control.Notifications;
import dev.mandate.notification.entity.EventType;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an alert's changes raise, in the caller's transaction: the signed webhook ({@code alert.fired}, {@code
 * alert.resolved}) through the notification outbox, and the audit record. Both commit with the change.
 */
@ApplicationScoped
public class AlertEvents {

    /** Who acts when the evaluation fires or resolves an alert. */
    public static final String EVALUATOR = "mandate-alerts";

    @Inject
    Notifications notifications;

    @Inject
    AuditAppender audit;

    @Inject
    Sql sql;

    /** An alert was opened: sent once, to every subscription taking {@code alert.fired}. */
    public void fired(Alert alert, AlertRuleSpec rule) {
        publish(alert, rule, EventType.ALERT_FIRED);
        audit(alert, EVALUATOR, "alert.fired", "FIRED", Map.of());
    }

    /** An alert was resolved, by a person or by the evaluation; {@code rule} is null when it is gone. */
    public void resolved(Alert alert, AlertRuleSpec rule) {
        publish(alert, rule, EventType.ALERT_RESOLVED);
        audit(alert, alert.resolvedBy(), "alert.resolved", "RESOLVED", reason(alert.resolutionReason()));
    }

    public void acknowledged(Alert alert) {
        audit(alert, alert.acknowledgedBy(), "alert.acknowledged", "ACKNOWLEDGED", reason(alert.acknowledgeNote()));
    }

    /** The body's {@code data}: the alert as the API shows it, with the rule it came from. */
    private void publish(Alert alert, AlertRuleSpec rule, EventType type) {
        JsonObjectBuilder data = JSON.createObjectBuilder()
                .add("alertId", alert.id())
                .add("rule", alert.rule())
                .add("metric", alert.metric().name())
                .add("key", alert.key())
                .add("status", alert.status().name());
        if (rule != null) {
            data.add("windowSeconds", rule.windowSeconds())
                    .add("baselineWindows", rule.baselineWindows())
                    .add("sensitivity", rule.sensitivity())
                    .add("minCount", rule.minCount());
            add(data, "threshold", rule.threshold());
        }
        add(data, "value", alert.currentValue());
        add(data, "peakValue", alert.peakValue());
        add(data, "baselineMean", alert.baselineMean());
        add(data, "baselineDeviation", alert.baselineDeviation());
        add(data, "limit", alert.limitValue());
        add(data, "firedAt", alert.firedAt());
        add(data, "resolvedAt", alert.resolvedAt());
        if (alert.resolvedBy() != null) {
            data.add("resolvedBy", alert.resolvedBy());
        }
        if (alert.resolutionReason() != null) {
            data.add("resolutionReason", alert.resolutionReason());
        }
        Sql.Writes writes = sql.writes();
        notifications.publish(writes, alert.tenant(), type.wire(), alert.id(), data.build());
        writes.run();
    }

    private void audit(Alert alert, String actor, String action, String outcome, Map<String, String> extra) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("alert", alert.id());
        details.put("rule", alert.rule());
        details.put("metric", alert.metric().name());
        details.put("key", alert.key());
        if (alert.currentValue() != null) {
            details.put("value", alert.currentValue().toPlainString());
        }
        if (alert.limitValue() != null) {
            details.put("limit", alert.limitValue().toPlainString());
        }
        details.putAll(extra);
        audit.append(new AuditEntry(
                alert.tenant(), actor, null, null, null, action, outcome, List.of(), null, null, details));
    }

    private static Map<String, String> reason(String reason) {
        return reason == null ? Map.of() : Map.of("reason", reason);
    }

    private static void add(JsonObjectBuilder data, String name, BigDecimal value) {
        if (value != null) {
            data.add(name, AlertRuleSpec.normal(value));
        }
    }

    private static void add(JsonObjectBuilder data, String name, OffsetDateTime value) {
        if (value != null) {
            data.add(name, value.toInstant().toString());
        }
    }
}
