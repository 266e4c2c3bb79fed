package dev.mandate.api.notification;

import dev.mandate.notification.entity.DeliveryPage;
import java.util.List;

/** A page of the delivery log, newest first; {@code nextCursor} (absent on the last page) asks for the next. */
public record DeliveryPageResponse(List<DeliveryResponse> items, int limit, String nextCursor) {

    static DeliveryPageResponse of(DeliveryPage page) {
        return new DeliveryPageResponse(
                page.items().stream().map(DeliveryResponse::of).toList(), page.limit(), page.nextCursor());
    }
}
