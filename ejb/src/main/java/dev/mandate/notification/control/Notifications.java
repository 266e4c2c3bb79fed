package dev.mandate.notification.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.notification.entity.EventType;
import dev.mandate.notification.entity.EventTypes;
import dev.mandate.platform.id.TimeOrderedIds;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Raising events: what another feature calls, inside its own transaction, to have an event sent as a
 * signed webhook. Each call adds delivery rows to the caller's write batch ({@link Sql.Writes}), so the
 * event goes out exactly when the change it describes commits (the outbox); the worker sends them
 * afterwards, at least once, retried with backoff. The body is fixed here: {@code {"type", "timestamp",
 * "data"}}; its {@code webhook-id} is the delivery's id, the same on every attempt, so receivers deduplicate
 * by it.
 *
 * <p>A wrong argument (an unknown type, a subject id or body too long, no URL) is the caller's bug and
 * throws {@link IllegalArgumentException}.
 */
@ApplicationScoped
public class Notifications {

    /** The body column: a larger one is refused. */
    public static final int MAX_BODY_CHARS = 262_144;

    static final int MAX_SUBJECT_CHARS = 200;
    static final int MAX_URL_CHARS = 2000;
    static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
    static final int MAX_TYPE_CHARS = 64;

    private static final String INSERT = "insert into webhook_delivery (id, tenant_id, subscription_id,"
            + " subscription_name, url, event_type, subject_id, body, status, attempts, attempt_limit,"
            + " next_attempt_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)";

    @Inject
    Sql sql;

    private record Subscriber(String id, String name, String url, EventTypes types) {}

    /**
     * Adds one delivery per enabled subscription of the tenant that takes the event's type (none when no
     * subscription does).
     *
     * @param type one of {@link EventType}'s wire names, e.g. {@code approval.created}
     * @param subjectId what the event is about (an approval's id, say); may be null
     * @param data the event's own fields, the body's {@code data}
     */
    public void publish(Sql.Writes writes, String tenant, String type, String subjectId, JsonObject data) {
        EventType event = EventType.of(type)
                .orElseThrow(() -> new IllegalArgumentException("not an event type subscriptions take: " + type));
        Message message = message(event.wire(), subjectId, data);
        List<Subscriber> subscribers = sql.list(
                "select id, name, url, event_types from webhook_subscription where tenant_id = ? and enabled = true"
                        + " order by name",
                row -> new Subscriber(
                        row.getString(1), row.getString(2), row.getString(3), EventTypes.stored(row.getString(4))),
                tenant);
        for (Subscriber subscriber : subscribers) {
            if (subscriber.types().takes(event)) {
                queue(writes, tenant, subscriber.id(), subscriber.name(), subscriber.url(), message);
            }
        }
    }

    /**
     * Adds one delivery to a URL the caller has already checked (an agent's {@code callbackUrl}, with {@code
     * CallbackTargets.check}); the rules are applied again when it is sent.
     *
     * @param type lower-case dotted, e.g. {@code approval.decided}
     */
    public void callBack(Sql.Writes writes, String tenant, String url, String type, String subjectId, JsonObject data) {
        if (url == null || url.isEmpty() || url.length() > MAX_URL_CHARS) {
            throw new IllegalArgumentException("a callback needs a URL of at most " + MAX_URL_CHARS + " characters");
        }
        if (type == null
                || type.length() > MAX_TYPE_CHARS
                || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("not an event type: " + type);
        }
        queue(writes, tenant, null, null, url, message(type, subjectId, data));
    }

    /**
     * Adds one delivery of an event to one subscription, whatever types it takes (its test); returns the
     * delivery's id.
     */
    public String publishTo(
            Sql.Writes writes,
            String tenant,
            String subscriptionId,
            String subscriptionName,
            String url,
            EventType type,
            String subjectId,
            JsonObject data) {
        return queue(writes, tenant, subscriptionId, subscriptionName, url, message(type.wire(), subjectId, data));
    }

    /** An event as sent: its type, subject and body, fixed when it is raised. */
    private record Message(String type, String subjectId, String body, Instant at) {}

    private static Message message(String type, String subjectId, JsonObject data) {
        if (subjectId != null && subjectId.length() > MAX_SUBJECT_CHARS) {
            throw new IllegalArgumentException("subject id longer than " + MAX_SUBJECT_CHARS + " characters");
        }
        // milliseconds: the delivery log's cursor names the creation time exactly
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String body = JSON.createObjectBuilder()
                .add("type", type)
                .add("timestamp", at.toString())
                .add("data", data == null ? JsonObject.EMPTY_JSON_OBJECT : data)
                .build()
                .toString();
        if (body.length() > MAX_BODY_CHARS) {
            throw new IllegalArgumentException(
                    "a " + type + " body of " + body.length() + " characters (at most " + MAX_BODY_CHARS + ")");
        }
        return new Message(type, subjectId, body, at);
    }

    private String queue(
            Sql.Writes writes, String tenant, String subscriptionId, String subscriptionName, String url, Message m) {
        String id = TimeOrderedIds.next();
        writes.add(
                INSERT,
                id,
                tenant,
                subscriptionId,
                subscriptionName,
                url,
                m.type(),
                m.subjectId(),
                m.body(),
                DeliveryRetries.maxAttempts(),
                m.at(),
                m.at());
        return id;
    }
}
