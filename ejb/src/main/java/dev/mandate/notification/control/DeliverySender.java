package dev.mandate.notification.control;

import dev.mandate.decision.control.EnvelopeTraces;
import dev.mandate.notification.entity.DeliveryStatus;
import dev.mandate.platform.json.JsonStrings;
import dev.mandate.platform.schema.DatabaseProduct;
import dev.mandate.platform.sql.Sql;
import dev.mandate.platform.tracing.SpanAttributes;
import dev.mandate.platform.tracing.Step;
import dev.mandate.platform.tracing.Tracing;
import dev.mandate.platform.webhook.WebhookSender;
import dev.mandate.platform.webhook.WebhookSender.Sent;
import dev.mandate.platform.webhook.WebhookTargets;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends due deliveries, at least once. A worker takes them under a short lease (on PostgreSQL skipping rows
 * another server is taking; everywhere with a conditional update, so two servers never both hold one),
 * sends each on the webhook executor and records how it went under the same lease: a sender whose lease
 * ran out and was taken over records nothing. A subscription's delivery goes to the subscription's URL as
 * it is when sent; a deleted or disabled subscription gets nothing.
 */
@ApplicationScoped
public class DeliverySender {

    /** The executor deliveries are sent on, defined by the notification worker (an EJB). */
    public static final String EXECUTOR = "java:app/concurrent/mandate-webhooks";

    /** Deliveries one server sends at once at most (the executor's threads). */
    public static final int MAX_UNDERWAY = 16;

    /** Longer than a send can take (connect and request timeouts), so a live sender never loses its lease. */
    static final Duration LEASE = Duration.ofSeconds(60);

    static final int MAX_ERROR_CHARS = 500;

    private static final Logger LOG = Logger.getLogger(DeliverySender.class.getName());

    @Resource(lookup = EXECUTOR)
    ManagedExecutorService executor;

    @Inject
    Sql sql;

    @Inject
    DatabaseProduct database;

    @Inject
    WebhookTargets targets;

    @Inject
    WebhookSender sender;

    @Inject
    Tracing tracing;

    @Inject
    EnvelopeTraces envelopeTraces;

    private final AtomicInteger underway = new AtomicInteger();

    /** A delivery taken for sending under the lease {@code lease}. */
    public record Due(
            String id,
            String tenant,
            String subscriptionId,
            String url,
            String body,
            int attempts,
            int attemptLimit,
            String lease) {}

    /** Takes up to {@code limit} due deliveries (pending and due, or held under a lease that ran out). */
    @Transactional(TxType.REQUIRES_NEW)
    public List<Due> claim(int limit) {
        Instant now = Instant.now();
        String lease = UUID.randomUUID().toString();
        List<Due> due = sql.list(
                "select id, tenant_id, subscription_id, url, body, attempts, attempt_limit from webhook_delivery"
                        + " where (status = 'PENDING' and next_attempt_at <= ?) or (status = 'SENDING'"
                        + " and lease_until < ?) order by next_attempt_at fetch first " + limit + " rows only"
                        + (database.isPostgres() ? " for update skip locked" : ""),
                row -> new Due(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        row.getInt(6),
                        row.getInt(7),
                        lease),
                now,
                now);
        List<Due> taken = new ArrayList<>();
        for (Due each : due) {
            if (sql.update(
                            "update webhook_delivery set status = 'SENDING', lease_owner = ?, lease_until = ?"
                                    + " where id = ? and attempts = ? and ((status = 'PENDING' and next_attempt_at"
                                    + " <= ?) or (status = 'SENDING' and lease_until < ?))",
                            lease,
                            now.plus(LEASE),
                            each.id(),
                            each.attempts(),
                            now,
                            now)
                    == 1) {
                taken.add(each);
            }
        }
        return taken;
    }

    /** Deliveries this server is sending now. */
    public int underway() {
        return underway.get();
    }

    /** Sends the delivery on the webhook executor; one the executor refuses is retaken when its lease ends. */
    public void start(Due due) {
        underway.incrementAndGet();
        try {
            executor.execute(() -> {
                try {
                    deliver(due);
                } catch (RuntimeException failed) {
                    // the row stays SENDING under the lease; when it runs out the delivery is retaken
                    LOG.log(Level.WARNING, "delivery " + due.id() + " failed to record: {0}", failed.toString());
                } finally {
                    underway.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException full) {
            underway.decrementAndGet();
        }
    }

    /** Sends one delivery and records how it went. */
    public void deliver(Due due) {
        String url = due.url();
        if (due.subscriptionId() != null) {
            Optional<Subscription> subscription = sql.first(
                    "select url, enabled from webhook_subscription where id = ? and tenant_id = ?",
                    row -> new Subscription(row.getString(1), row.getBoolean(2)),
                    due.subscriptionId(),
                    due.tenant());
            if (subscription.isEmpty() || !subscription.get().enabled()) {
                dropped(due, subscription.isEmpty() ? "the subscription was deleted" : "the subscription is disabled");
                return;
            }
            url = subscription.get().url();
        }
        Optional<String> refusal = targets.refusal(due.tenant(), url);
        Optional<byte[]> key = targets.secret(due.tenant());
        if (refusal.isPresent() || key.isEmpty()) {
            record(due, url, new Sent(null, "not sent: " + refusal.orElse("no signing secret"), 0));
            return;
        }
        String envelopeTrace = envelopeTrace(due);
        Sent sent;
        try (Step step = tracing.start("mandate.webhook", SpanKind.CLIENT, envelopeTrace, List.of())) {
            step.set(SpanAttributes.TENANT, due.tenant()).set(SpanAttributes.EXECUTION_ATTEMPT, due.attempts() + 1L);
            sent = sender.send(
                    url,
                    key.get(),
                    due.id(),
                    due.body(),
                    step.traceparent() != null ? step.traceparent() : envelopeTrace);
            if (sent.httpStatus() != null) {
                step.set(
                        SpanAttributes.HTTP_RESPONSE_STATUS_CODE,
                        sent.httpStatus().longValue());
            }
            if (!sent.delivered()) {
                step.failed(sent.httpStatus() != null ? Integer.toString(sent.httpStatus()) : "not_delivered");
            }
        }
        record(due, url, sent);
    }

    /**
     * The trace of the envelope an event is about ({@code data.envelopeId}: approvals, escalation items), as
     * the traceparent the receiver gets; null for events about no envelope.
     */
    private String envelopeTrace(Due due) {
        if (!due.body().contains("\"envelopeId\"")) {
            return null;
        }
        JsonValue data = JsonStrings.object(due.body()).get("data");
        if (!(data instanceof JsonObject fields) || !(fields.get("envelopeId") instanceof JsonString envelopeId)) {
            return null;
        }
        return envelopeTraces.traceparent(due.tenant(), envelopeId.getString());
    }

    private record Subscription(String url, boolean enabled) {}

    private void record(Due due, String url, Sent sent) {
        Instant now = Instant.now();
        int changed;
        if (sent.delivered()) {
            changed = sql.update(
                    "update webhook_delivery set status = 'DELIVERED', attempts = attempts + 1, url = ?,"
                            + " delivered_at = ?, last_error = null, last_http_status = ?, lease_owner = null,"
                            + " lease_until = null where id = ? and status = 'SENDING' and lease_owner = ?",
                    url,
                    now,
                    sent.httpStatus(),
                    due.id(),
                    due.lease());
        } else {
            int made = due.attempts() + 1;
            DeliveryRetries.Next next =
                    DeliveryRetries.afterFailure(made, due.attemptLimit(), now, sent.retryAfterMillis());
            changed = sql.update(
                    "update webhook_delivery set status = ?, attempts = ?, url = ?, next_attempt_at = ?,"
                            + " last_error = ?, last_http_status = ?, lease_owner = null, lease_until = null"
                            + " where id = ? and status = 'SENDING' and lease_owner = ?",
                    next.status().name(),
                    made,
                    url,
                    next.nextAttemptAt(),
                    shortened(sent.error()),
                    sent.httpStatus(),
                    due.id(),
                    due.lease());
        }
        if (changed == 0) {
            LOG.fine(() -> "delivery " + due.id() + ": the lease passed to another server; this send is not recorded");
        }
    }

    /** Not sent, and never will be unless redelivered: its subscription is gone or disabled. */
    private void dropped(Due due, String why) {
        sql.update(
                "update webhook_delivery set status = ?, last_error = ?, lease_owner = null, lease_until = null"
                        + " where id = ? and status = 'SENDING' and lease_owner = ?",
                DeliveryStatus.FAILED.name(),
                why + "; not sent",
                due.id(),
                due.lease());
    }

    static String shortened(String error) {
        return error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS);
    }
}
