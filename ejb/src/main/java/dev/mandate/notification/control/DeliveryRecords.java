package dev.mandate.notification.control;

import dev.mandate.notification.entity.Delivery;
import dev.mandate.notification.entity.DeliveryCursor;
import dev.mandate.notification.entity.DeliveryPage;
import dev.mandate.notification.entity.DeliveryStatus;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The delivery log of a tenant, and the changes of state it offers (redelivery). */
@ApplicationScoped
public class DeliveryRecords {

    private static final String COLUMNS = "id, subscription_name, url, event_type, subject_id, status, attempts,"
            + " last_error, last_http_status, created_at, delivered_at, next_attempt_at, subscription_id";

    @Inject
    Sql sql;

    /** A delivery with the subscription it belongs to (null for a callback). */
    public record Stored(Delivery delivery, String subscriptionId) {}

    /**
     * A page of the tenant's log, newest first (creation time, then id), optionally of one status and type,
     * after the cursor of the page before.
     */
    public DeliveryPage page(String tenant, DeliveryStatus status, String type, int limit, DeliveryCursor after) {
        StringBuilder where = new StringBuilder(" where tenant_id = ?");
        List<Object> values = new ArrayList<>(List.of(tenant));
        if (status != null) {
            where.append(" and status = ?");
            values.add(status.name());
        }
        if (type != null) {
            where.append(" and event_type = ?");
            values.add(type);
        }
        if (after != null) {
            where.append(" and (created_at < ? or (created_at = ? and id < ?))");
            values.addAll(List.of(after.createdAt(), after.createdAt(), after.id()));
        }
        List<Delivery> found = sql.list(
                "select " + COLUMNS + " from webhook_delivery" + where
                        + " order by created_at desc, id desc fetch first " + (limit + 1) + " rows only",
                row -> delivery(row),
                values.toArray());
        if (found.size() <= limit) {
            return new DeliveryPage(found, limit, null);
        }
        Delivery last = found.get(limit - 1);
        return new DeliveryPage(
                found.subList(0, limit),
                limit,
                new DeliveryCursor(last.createdAt().toInstant(), last.id()).encode());
    }

    public Optional<Stored> find(String tenant, String id) {
        return sql.first(
                "select " + COLUMNS + " from webhook_delivery where tenant_id = ? and id = ?",
                row -> new Stored(delivery(row), row.getString(13)),
                tenant,
                id);
    }

    /**
     * Queues a FAILED or DELIVERED delivery again, due now, with {@code attempts} more attempts; false when it
     * was in another state by the time of the update.
     */
    public boolean requeue(String tenant, String id, int attempts) {
        return sql.update(
                        "update webhook_delivery set status = 'PENDING', next_attempt_at = ?, attempt_limit ="
                                + " attempts + ?, lease_owner = null, lease_until = null where tenant_id = ? and id = ?"
                                + " and status in ('FAILED', 'DELIVERED')",
                        Instant.now(),
                        attempts,
                        tenant,
                        id)
                == 1;
    }

    /** Nothing more is sent for a deleted subscription: what waits is FAILED, saying why. */
    public void dropPendingOf(String subscriptionId) {
        sql.update(
                "update webhook_delivery set status = 'FAILED', last_error = 'the subscription was deleted; not sent',"
                        + " lease_owner = null, lease_until = null where subscription_id = ? and status = 'PENDING'",
                subscriptionId);
    }

    private static Delivery delivery(ResultSet row) throws SQLException {
        DeliveryStatus status = DeliveryStatus.valueOf(row.getString(6));
        Object httpStatus = row.getObject(9);
        return new Delivery(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                status,
                row.getInt(7),
                row.getString(8),
                httpStatus == null ? null : ((Number) httpStatus).intValue(),
                row.getObject(10, OffsetDateTime.class),
                row.getObject(11, OffsetDateTime.class),
                status == DeliveryStatus.PENDING ? row.getObject(12, OffsetDateTime.class) : null);
    }
}
