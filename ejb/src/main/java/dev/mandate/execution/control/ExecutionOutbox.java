package dev.mandate.execution.control;

import dev.mandate.catalog.entity.ConnectorDefinition;
import dev.mandate.execution.control.ExecutionStore.Ended;
import dev.mandate.execution.entity.ExecutionStatus;
import dev.mandate.execution.entity.ExecutionView;
import dev.mandate.execution.entity.QueuedExecution;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes an allowed envelope's execution into the decision's own write batch (the transactional outbox):
 * the decision and the request to act commit together or not at all. The row is leased to this server at
 * once, so the first attempt needs no claim of its own; if this server stops before it ends, the lease runs
 * out and any server's worker takes over. A read served from the cache is written as succeeded.
 */
@ApplicationScoped
public class ExecutionOutbox {

    @Inject
    LeaseOwner owner;

    @Inject
    ExecutionStore store;

    /** What the decision knows of the call it allows. */
    public record Allowed(
            String tenant,
            String envelopeId,
            String agentId,
            String taskId,
            String traceId,
            String traceParent,
            String tool,
            String action,
            String onBehalfOf,
            JsonObject arguments,
            ConnectorDefinition connector,
            String callbackUrl) {}

    /** The downstream idempotency key: derived from the envelope, the same for every attempt. */
    public static String idempotencyKey(String envelopeId) {
        return "mandate-" + envelopeId;
    }

    public QueuedExecution queue(Sql.Writes writes, Allowed allowed) {
        // the column keeps microseconds: what is written is exactly what asQueued shows
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String key = idempotencyKey(allowed.envelopeId());
        long leaseMillis =
                ExecutionStore.leaseFor(allowed.connector().timeoutMillis()).toMillis();
        insert(
                writes,
                allowed,
                key,
                "IN_FLIGHT",
                owner.id(),
                now.plusMillis(leaseMillis),
                leaseMillis,
                now,
                null,
                BigDecimal.ZERO);
        return new QueuedExecution(
                allowed.envelopeId(),
                allowed.tenant(),
                allowed.envelopeId(),
                allowed.agentId(),
                allowed.taskId(),
                allowed.traceId(),
                allowed.traceParent(),
                allowed.tool(),
                allowed.action(),
                allowed.onBehalfOf(),
                key,
                allowed.arguments(),
                allowed.connector(),
                0,
                false,
                now,
                owner.id(),
                true);
    }

    /**
     * A queued execution as its row reads until its first attempt ends (what {@link #queue} wrote): an
     * answer whose wait ran out shows it without reading it back.
     */
    public static ExecutionView asQueued(QueuedExecution queued) {
        return view(
                queued,
                ExecutionStatus.IN_FLIGHT,
                queued.attempts(),
                null,
                null,
                null,
                false,
                BigDecimal.ZERO,
                0,
                null);
    }

    /**
     * A queued execution as its row reads once its first attempt's end was recorded ({@code recordedAt}),
     * what {@link ExecutionStore#end} wrote over what {@link #queue} did: the answer that waited for the
     * attempt shows it without reading it back.
     */
    public static ExecutionView afterFirstAttempt(QueuedExecution queued, Ended ended, Instant recordedAt) {
        ToolResponse r = ended.response();
        return view(
                queued,
                ended.status(),
                ended.callsMade(),
                ExecutionStore.reasonAsKept(ended.reason()),
                r == null ? null : r.httpStatus(),
                r == null ? null : r.resultJson(),
                r != null && r.resultTruncated(),
                ended.cost(),
                r == null ? 0 : r.millis(),
                ended.status().isFinal() ? recordedAt : null);
    }

    private static ExecutionView view(
            QueuedExecution queued,
            ExecutionStatus status,
            int attempts,
            String reason,
            Integer httpStatus,
            String resultJson,
            boolean resultTruncated,
            BigDecimal cost,
            long toolMillis,
            Instant finishedAt) {
        return new ExecutionView(
                queued.id(),
                queued.envelopeId(),
                queued.tool(),
                queued.action(),
                queued.idempotencyKey(),
                queued.onBehalfOf(),
                status,
                attempts,
                reason,
                httpStatus,
                resultJson,
                resultTruncated,
                asKept(cost),
                toolMillis,
                false,
                queued.createdAt().atOffset(ZoneOffset.UTC),
                finishedAt == null ? null : finishedAt.atOffset(ZoneOffset.UTC),
                List.of());
    }

    /** An amount as the cost column keeps it (six decimals). */
    private static BigDecimal asKept(BigDecimal amount) {
        return amount.setScale(6, RoundingMode.HALF_EVEN);
    }

    /**
     * Records a read answered from the cache: succeeded at once, nothing sent, nothing charged. Returns the
     * execution's summary for the answer.
     */
    public JsonObject servedFromCache(Sql.Writes writes, Allowed allowed, String resultJson) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String key = idempotencyKey(allowed.envelopeId());
        insert(writes, allowed, key, "SUCCEEDED", null, null, 0, now, resultJson, BigDecimal.ZERO);
        store.recordCacheHit(writes, allowed.envelopeId(), now);
        store.queueCallback(writes, allowed.envelopeId(), now);
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return ExecutionJson.summary(new ExecutionView(
                allowed.envelopeId(),
                allowed.envelopeId(),
                allowed.tool(),
                allowed.action(),
                key,
                allowed.onBehalfOf(),
                ExecutionStatus.SUCCEEDED,
                0,
                "served from the read cache",
                null,
                resultJson,
                false,
                asKept(BigDecimal.ZERO),
                0,
                true,
                at,
                at,
                List.of()));
    }

    private static void insert(
            Sql.Writes writes,
            Allowed a,
            String key,
            String status,
            String leaseOwner,
            Instant leaseUntil,
            long leaseMillis,
            Instant now,
            String cachedResult,
            BigDecimal cost) {
        boolean cached = cachedResult != null;
        writes.add(
                "insert into execution (id, tenant_id, envelope_id, agent_id, task_id, trace_id, tool_key, action_key,"
                        + " on_behalf_of, idempotency_key, arguments_json, status, attempts, next_attempt_at, unsettled,"
                        + " lease_millis, lease_owner, lease_until, reason, http_status, result_json, result_truncated,"
                        + " cost, tool_millis, cache_hit, callback_url, created_at, updated_at, finished_at, trace_parent)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, false, ?, ?, ?, ?, null, ?, false, ?, 0, ?, ?, ?,"
                        + " ?, ?, ?)",
                a.envelopeId(),
                a.tenant(),
                a.envelopeId(),
                a.agentId(),
                a.taskId(),
                a.traceId(),
                a.tool(),
                a.action(),
                a.onBehalfOf(),
                key,
                a.arguments().toString(),
                status,
                now,
                (int) leaseMillis,
                leaseOwner,
                leaseUntil,
                cached ? "served from the read cache" : null,
                cachedResult,
                cost,
                cached,
                a.callbackUrl(),
                now,
                now,
                cached ? now : null,
                a.traceParent());
    }
}
