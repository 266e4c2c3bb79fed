package dev.mandate.execution.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.execution.entity.ExecutionView;
import dev.mandate.platform.schema.DatabaseProduct;
import dev.mandate.platform.sql.Sql;
import dev.mandate.platform.tracing.SpanAttributes;
import dev.mandate.platform.tracing.Step;
import dev.mandate.platform.tracing.TraceParents;
import dev.mandate.platform.tracing.Tracing;
import dev.mandate.platform.webhook.WebhookSender;
import dev.mandate.platform.webhook.WebhookTargets;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Delivers the agents' callbacks at least once: taken under a short lease like executions, signed the
 * Standard Webhooks way ({@code WebhookSender}), retried with backoff up to {@value #MAX_ATTEMPTS} times; a
 * receiver deduplicates by {@code webhook-id}.
 */
@ApplicationScoped
public class CallbackDeliveries {

    static final int MAX_ATTEMPTS = 10;
    private static final Duration LEASE = Duration.ofSeconds(30);

    @Inject
    Sql sql;

    @Inject
    DatabaseProduct database;

    @Inject
    ExecutionStore executions;

    @Inject
    WebhookTargets targets;

    @Inject
    WebhookSender sender;

    @Inject
    Tracing tracing;

    /** A callback taken for delivery. */
    public record Due(String executionId, String tenant, String url, int attempts) {}

    @Transactional(TxType.REQUIRES_NEW)
    public List<Due> claim(int limit) {
        Instant now = Instant.now();
        List<Due> due = sql.list(
                "select execution_id, tenant_id, url, attempts from execution_callback where (status = 'PENDING'"
                        + " and next_attempt_at <= ?) or (status = 'SENDING' and lease_until < ?)"
                        + " fetch first " + limit + " rows only"
                        + (database.isPostgres() ? " for update skip locked" : ""),
                row -> new Due(row.getString(1), row.getString(2), row.getString(3), row.getInt(4)),
                now,
                now);
        List<Due> taken = new ArrayList<>();
        for (Due each : due) {
            if (sql.update(
                            "update execution_callback set status = 'SENDING', lease_until = ? where execution_id = ?"
                                    + " and attempts = ? and status in ('PENDING', 'SENDING')",
                            now.plus(LEASE),
                            each.executionId(),
                            each.attempts())
                    == 1) {
                taken.add(each);
            }
        }
        return taken;
    }

    /** Sends one callback and records how it went. */
    public void deliver(Due due) {
        String error = send(due);
        Instant now = Instant.now();
        if (error == null) {
            sql.update(
                    "update execution_callback set status = 'DELIVERED', attempts = attempts + 1, delivered_at = ?,"
                            + " lease_until = null, last_error = null where execution_id = ? and status = 'SENDING'",
                    now,
                    due.executionId());
            return;
        }
        int made = due.attempts() + 1;
        sql.update(
                "update execution_callback set status = ?, attempts = ?, next_attempt_at = ?, lease_until = null,"
                        + " last_error = ? where execution_id = ? and status = 'SENDING'",
                made >= MAX_ATTEMPTS ? "FAILED" : "PENDING",
                made,
                now.plus(RetryBackoff.after(made, 0)),
                error.length() <= 500 ? error : error.substring(0, 500),
                due.executionId());
    }

    private String send(Due due) {
        Optional<ExecutionView> execution = executions.view(due.tenant(), due.executionId());
        Optional<byte[]> secret = targets.secret(due.tenant());
        if (execution.isEmpty() || secret.isEmpty()) {
            return "no execution or no signing secret";
        }
        String body = JSON.createObjectBuilder()
                .add("type", "execution.ended")
                .add("timestamp", Instant.now().toString())
                .add(
                        "data",
                        JSON.createObjectBuilder()
                                .add("envelopeId", execution.get().envelopeId())
                                .add("execution", ExecutionJson.summary(execution.get())))
                .build()
                .toString();
        Optional<String[]> trace = sql.first(
                "select trace_id, trace_parent from execution where id = ?",
                r -> new String[] {r.getString(1), r.getString(2)},
                due.executionId());
        String parent = trace.map(t -> t[1] != null ? t[1] : TraceParents.unrecorded(t[0]))
                .orElse(null);
        try (Step step = tracing.start("mandate.callback", SpanKind.CLIENT, parent, List.of())) {
            step.set(SpanAttributes.TENANT, due.tenant())
                    .set(SpanAttributes.ENVELOPE_ID, execution.get().envelopeId())
                    .set(SpanAttributes.EXECUTION_ATTEMPT, due.attempts() + 1L);
            WebhookSender.Sent sent = sender.send(
                    due.url(),
                    secret.get(),
                    "msg_" + due.executionId(),
                    body,
                    step.traceparent() != null ? step.traceparent() : parent);
            if (sent.httpStatus() != null) {
                step.set(
                        SpanAttributes.HTTP_RESPONSE_STATUS_CODE,
                        sent.httpStatus().longValue());
            }
            if (!sent.delivered()) {
                step.failed(sent.httpStatus() != null ? Integer.toString(sent.httpStatus()) : "not_delivered");
            }
            return sent.error();
        }
    }
}
