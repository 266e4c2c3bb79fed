package dev.mandate.api.notification;

import dev.mandate.notification.entity.WebhookSubscription;
import java.util.List;

/** A subscription as answered (its version is also the ETag). */
public record WebhookResponse(
        String name,
        String url,
        List<String> eventTypes,
        boolean enabled,
        long version,
        String createdAt,
        String createdBy,
        String updatedAt,
        String updatedBy) {

    static WebhookResponse of(WebhookSubscription s) {
        return new WebhookResponse(
                s.name(),
                s.url(),
                s.eventTypes().names(),
                s.enabled(),
                s.version(),
                s.createdAt().toString(),
                s.createdBy(),
                s.updatedAt().toString(),
                s.updatedBy());
    }
}
