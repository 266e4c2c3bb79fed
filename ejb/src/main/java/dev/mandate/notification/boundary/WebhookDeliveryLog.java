package dev.mandate.notification.boundary;

import dev.mandate.notification.control.DeliveryRecords;
import dev.mandate.notification.control.DeliveryRetries;
import dev.mandate.notification.entity.Delivery;
import dev.mandate.notification.entity.DeliveryCursor;
import dev.mandate.notification.entity.DeliveryPage;
import dev.mandate.notification.entity.DeliveryStatus;
import dev.mandate.platform.error.ConflictException;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.sql.Sql;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Optional;

/** What was sent to whom and how it went, for the caller's tenant; and sending a delivery again. */
@Stateless
public class WebhookDeliveryLog {

    static final String KIND = "delivery";

    @Inject
    DeliveryRecords records;

    @Inject
    Sql sql;

    /** Newest first; {@code cursor} is the {@code nextCursor} of the page before, null for the first page. */
    public DeliveryPage page(Caller caller, DeliveryStatus status, String type, int limit, String cursor) {
        return records.page(
                caller.tenant(), status, type, limit, cursor == null ? null : DeliveryCursor.decode(cursor));
    }

    public Delivery get(Caller caller, String id) {
        return stored(caller, id).delivery();
    }

    /**
     * Queues a FAILED or DELIVERED delivery again, due now, with a fresh allowance of attempts; 409 while it
     * is pending or being sent, and for one whose subscription was deleted or is disabled.
     */
    public Delivery redeliver(Caller caller, String id) {
        DeliveryRecords.Stored stored = stored(caller, id);
        DeliveryStatus status = stored.delivery().status();
        if (status != DeliveryStatus.FAILED && status != DeliveryStatus.DELIVERED) {
            throw new ConflictException(
                    "delivery '" + id + "' is " + status + ": only a FAILED or DELIVERED one is" + " sent again");
        }
        if (stored.subscriptionId() != null) {
            Optional<Boolean> enabled = sql.first(
                    "select enabled from webhook_subscription where id = ? and tenant_id = ?",
                    row -> row.getBoolean(1),
                    stored.subscriptionId(),
                    caller.tenant());
            if (enabled.isEmpty()) {
                throw new ConflictException("delivery '" + id + "': its webhook was deleted");
            }
            if (!enabled.get()) {
                throw new ConflictException("delivery '" + id + "': its webhook is disabled");
            }
        }
        if (!records.requeue(caller.tenant(), id, DeliveryRetries.maxAttempts())) {
            throw new ConflictException("delivery '" + id + "' changed at the same time; retry");
        }
        return get(caller, id);
    }

    private DeliveryRecords.Stored stored(Caller caller, String id) {
        if (id == null || id.length() > 36) {
            throw new ResourceNotFoundException(KIND, "?");
        }
        return records.find(caller.tenant(), id).orElseThrow(() -> new ResourceNotFoundException(KIND, id));
    }
}
