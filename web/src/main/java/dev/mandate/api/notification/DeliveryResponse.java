package dev.mandate.api.notification;

import dev.mandate.notification.entity.Delivery;
import java.time.OffsetDateTime;

/**
 * One delivery of the log. {@code subscription}: the webhook's name, or {@code callback} for an agent's
 * callback; {@code nextAttemptAt} only while PENDING; absent values are left out.
 */
public record DeliveryResponse(
        String id,
        String subscription,
        String url,
        String type,
        String subjectId,
        String status,
        int attempts,
        String lastError,
        Integer lastHttpStatus,
        String createdAt,
        String deliveredAt,
        String nextAttemptAt) {

    static final String CALLBACK = "callback";

    static DeliveryResponse of(Delivery d) {
        return new DeliveryResponse(
                d.id(),
                d.subscription() == null ? CALLBACK : d.subscription(),
                d.url(),
                d.type(),
                d.subjectId(),
                d.status().name(),
                d.attempts(),
                d.lastError(),
                d.lastHttpStatus(),
                text(d.createdAt()),
                text(d.deliveredAt()),
                text(d.nextAttemptAt()));
    }

    private static String text(OffsetDateTime at) {
        return at == null ? null : at.toInstant().toString();
    }
}
