package dev.mandate.notification.entity;

import java.time.OffsetDateTime;

/**
 * One delivery as the log shows it.
 *
 * @param subscription the subscription's name; null for an agent's callback
 * @param lastError why the last attempt failed, short (never the secret or the receiver's body)
 * @param nextAttemptAt when it is tried next; null unless PENDING
 */
public record Delivery(
        String id,
        String subscription,
        String url,
        String type,
        String subjectId,
        DeliveryStatus status,
        int attempts,
        String lastError,
        Integer lastHttpStatus,
        OffsetDateTime createdAt,
        OffsetDateTime deliveredAt,
        OffsetDateTime nextAttemptAt) {}
