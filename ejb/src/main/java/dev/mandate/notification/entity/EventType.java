package dev.mandate.notification.entity;

import java.util.Arrays;
import java.util.Optional;

/** The events a tenant may subscribe to, by the name they carry on the wire ({@code type} of the body). */
public enum EventType {
    APPROVAL_CREATED("approval.created"),
    APPROVAL_SLA_WARNING("approval.sla_warning"),
    APPROVAL_SLA_BREACHED("approval.sla_breached"),
    APPROVAL_DECIDED("approval.decided"),
    ESCALATION_CREATED("escalation.created"),
    ESCALATION_SLA_WARNING("escalation.sla_warning"),
    ESCALATION_SLA_BREACHED("escalation.sla_breached"),
    ESCALATION_RESOLVED("escalation.resolved"),
    /** An alert rule found a spike and opened an alert (sent once per open alert). */
    ALERT_FIRED("alert.fired"),
    /** An open alert was resolved, by a person or because its metric was back to normal. */
    ALERT_RESOLVED("alert.resolved"),
    /** Sent on request to one subscription only ({@code POST /api/v1/webhooks/{name}/test}). */
    WEBHOOK_TEST("webhook.test");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    /** e.g. {@code approval.created} */
    public String wire() {
        return wire;
    }

    public static Optional<EventType> of(String wire) {
        return Arrays.stream(values()).filter(type -> type.wire.equals(wire)).findFirst();
    }
}
