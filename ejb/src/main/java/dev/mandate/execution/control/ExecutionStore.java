package dev.mandate.execution.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.audit.control.AuditAppender;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.execution.entity.ExecutionEnded;
import dev.mandate.execution.entity.ExecutionStatus;
import dev.mandate.execution.entity.ExecutionView;
import dev.mandate.execution.entity.QueuedExecution;
import dev.mandate.platform.schema.DatabaseProduct;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The execution rows: taking due ones under a lease (on PostgreSQL skipping rows another server is taking,
 * {@code FOR UPDATE SKIP LOCKED}; everywhere a conditional update decides who has it), recording each
 * attempt's end, and reading them. Each change is a transaction of its own, committed before the caller
 * goes on: a worker that dies leaves a lease that runs out, never a half-written row. An attempt's end is
 * recorded only by the lease's holder.
 */
@ApplicationScoped
public class ExecutionStore {

    private static final String COLUMNS = "id, tenant_id, envelope_id, agent_id, task_id, trace_id, tool_key,"
            + " action_key, on_behalf_of, idempotency_key, arguments_json, attempts, unsettled, created_at,"
            + " lease_millis, trace_parent";

    private static final String CALLBACK = "insert into execution_callback (execution_id, tenant_id, url, status,"
            + " attempts, next_attempt_at) select id, tenant_id, callback_url, 'PENDING', 0, ? from execution"
            + " where id = ? and callback_url is not null";

    @Inject
    Sql sql;

    @Inject
    DatabaseProduct database;

    @Inject
    Event<ExecutionEnded> endings;

    @Inject
    AuditAppender audit;

    /** Takes up to {@code limit} due executions for {@code owner}. */
    @Transactional(TxType.REQUIRES_NEW)
    public List<QueuedExecution> claimDue(String owner, int limit) {
        Instant now = Instant.now();
        List<Due> due = sql.list(
                "select " + COLUMNS + " from execution where status = 'QUEUED' and next_attempt_at <= ?"
                        + " order by next_attempt_at fetch first " + limit + " rows only"
                        + (database.isPostgres() ? " for update skip locked" : ""),
                ExecutionStore::due,
                now);
        List<QueuedExecution> claimed = new ArrayList<>();
        for (Due each : due) {
            int taken = sql.update(
                    "update execution set status = 'IN_FLIGHT', lease_owner = ?, lease_until = ?, updated_at = ?"
                            + " where id = ? and status = 'QUEUED'",
                    owner,
                    now.plusMillis(each.leaseMillis()),
                    now,
                    each.execution().id());
            if (taken == 1) {
                QueuedExecution e = each.execution();
                claimed.add(new QueuedExecution(
                        e.id(),
                        e.tenant(),
                        e.envelopeId(),
                        e.agentId(),
                        e.taskId(),
                        e.traceId(),
                        e.traceParent(),
                        e.tool(),
                        e.action(),
                        e.onBehalfOf(),
                        e.idempotencyKey(),
                        e.arguments(),
                        null,
                        e.attempts(),
                        e.unsettled(),
                        e.createdAt(),
                        owner,
                        false));
            }
        }
        return claimed;
    }

    /**
     * Gives executions whose lease ran out (their server stopped or hung mid-attempt) back to the queue,
     * marked unsettled: the attempt may have acted. Returns how many.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public int releaseExpiredLeases() {
        Instant now = Instant.now();
        List<Due> expired = sql.list(
                "select " + COLUMNS + " from execution where status = 'IN_FLIGHT' and lease_until < ?"
                        + " fetch first 100 rows only" + (database.isPostgres() ? " for update skip locked" : ""),
                ExecutionStore::due,
                now);
        int released = 0;
        for (Due each : expired) {
            QueuedExecution e = each.execution();
            int changed = sql.update(
                    "update execution set status = 'QUEUED', unsettled = true, attempts = attempts + 1,"
                            + " lease_owner = null, lease_until = null, next_attempt_at = ?, updated_at = ?"
                            + " where id = ? and status = 'IN_FLIGHT' and lease_until < ?",
                    now,
                    now,
                    e.id(),
                    now);
            if (changed == 1) {
                Sql.Writes writes = sql.writes();
                addAttempt(
                        writes,
                        e.id(),
                        "LEASE",
                        now,
                        0,
                        "UNKNOWN",
                        null,
                        "the lease ran out: the server making attempt " + (e.attempts() + 1) + " stopped or hung",
                        BigDecimal.ZERO);
                writes.run();
                released++;
            }
        }
        return released;
    }

    /**
     * Makes the queued executions a kill switch stops due at once, in the switch's transaction, so a
     * worker stops them (with the switch's reason and an audit record) at its next tick rather than at
     * their next attempt.
     */
    public void dueNow(String scope, String tenant, String target) {
        String where =
                switch (scope) {
                    case "GLOBAL" -> "";
                    case "TENANT" -> " and tenant_id = ?";
                    case "AGENT" -> " and tenant_id = ? and agent_id = ?";
                    default -> " and tenant_id = ? and tool_key = ?";
                };
        Object[] values =
                switch (scope) {
                    case "GLOBAL" -> new Object[] {Instant.now()};
                    case "TENANT" -> new Object[] {Instant.now(), tenant};
                    default -> new Object[] {Instant.now(), tenant, target};
                };
        sql.update("update execution set next_attempt_at = ? where status = 'QUEUED'" + where, values);
    }

    /** An attempt's end, by the lease holder. */
    public record Ended(
            ExecutionStatus status,
            String kind,
            Instant startedAt,
            ToolResponse response,
            String reason,
            BigDecimal cost,
            int callsMade,
            boolean unsettled,
            Instant nextAttemptAt) {}

    /**
     * Records the end of an attempt: a final status (with its audit record), or back to the queue for the
     * next one, in one request to the database (see {@code AuditAppender#appendTo} for when the audit record
     * needs more). Returns when it was recorded
     * (the execution's new {@code updated_at}, and {@code finished_at} if it ended).
     *
     * @throws LeaseLost when the lease is no longer the caller's (another server took over): nothing written
     */
    @Transactional(TxType.REQUIRES_NEW)
    public Instant end(QueuedExecution e, Ended ended) {
        // the columns keep microseconds: what is written is exactly what the answer shows
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ToolResponse r = ended.response();
        boolean done = ended.status().isFinal();
        Sql.Writes writes = sql.writes();
        writes.addExpectingOne(
                LeaseLost::new,
                "update execution set status = ?, attempts = attempts + ?, unsettled = ?, reason = ?,"
                        + " http_status = coalesce(?, http_status), result_json = coalesce(?, result_json),"
                        + " result_truncated = (result_truncated or ?), cost = cost + ?, tool_millis = tool_millis + ?,"
                        + " next_attempt_at = ?, lease_owner = null, lease_until = null, updated_at = ?, finished_at = ?"
                        + " where id = ? and status = 'IN_FLIGHT' and lease_owner = ?",
                ended.status().name(),
                ended.callsMade(),
                ended.unsettled(),
                reasonAsKept(ended.reason()),
                r == null ? null : r.httpStatus(),
                r == null ? null : r.resultJson(),
                r != null && r.resultTruncated(),
                ended.cost(),
                r == null ? 0L : r.millis(),
                ended.nextAttemptAt() == null ? now : ended.nextAttemptAt(),
                now,
                done ? now : null,
                e.id(),
                e.leaseOwner());
        if (r != null || ended.kind().equals("CANCEL")) {
            addAttempt(
                    writes,
                    e.id(),
                    ended.kind().equals("CANCEL") ? "CALL" : ended.kind(),
                    ended.startedAt(),
                    r == null ? 0 : r.millis(),
                    r == null ? "NOT_SENT" : r.outcome().name(),
                    r == null ? null : r.httpStatus(),
                    r == null ? ended.reason() : r.detail(),
                    ended.cost());
        }
        if (done) {
            writes.add(CALLBACK, now, e.id());
            audit.appendTo(writes, auditEntry(e, ended));
        }
        writes.run();
        if (done) {
            endings.fire(new ExecutionEnded(
                    e.tenant(),
                    e.envelopeId(),
                    e.agentId(),
                    e.tool(),
                    e.action(),
                    ended.status(),
                    e.attempts() + ended.callsMade(),
                    ended.reason()));
        }
        return now;
    }

    /** The attempt's end was not recorded: its lease passed to another server, which records its own. */
    public static final class LeaseLost extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LeaseLost() {
            super("the execution's lease passed to another server", null, false, false);
        }
    }

    /** An attempt's reason as its row keeps it. */
    static String reasonAsKept(String reason) {
        return truncate(reason, 2000);
    }

    /** Records an attempt that does not end the lease (a probe before the call it allows). */
    @Transactional(TxType.REQUIRES_NEW)
    public void note(QueuedExecution e, String kind, Instant startedAt, ToolResponse r) {
        boolean held = sql.first(
                        "select id from execution where id = ? and status = 'IN_FLIGHT' and lease_owner = ?",
                        row -> row.getString(1),
                        e.id(),
                        e.leaseOwner())
                .isPresent();
        if (held) {
            Sql.Writes writes = sql.writes();
            addAttempt(
                    writes,
                    e.id(),
                    kind,
                    startedAt,
                    r.millis(),
                    r.outcome().name(),
                    r.httpStatus(),
                    r.detail(),
                    BigDecimal.ZERO);
            writes.run();
        }
    }

    /** The agent's callback, where it asked for one, once the execution has ended. */
    public void queueCallback(Sql.Writes writes, String executionId, Instant at) {
        writes.add(CALLBACK, at, executionId);
    }

    /** Same as {@link #end} for a result served from the read cache inside the decision's transaction. */
    public void recordCacheHit(Sql.Writes writes, String executionId, Instant at) {
        writes.add(
                "insert into execution_attempt (execution_id, attempt, kind, started_at, millis, outcome,"
                        + " http_status, detail, cost) values (?, 1, 'CACHE', ?, 0, 'SUCCEEDED', null,"
                        + " 'served from the read cache', 0)",
                executionId,
                at);
    }

    /**
     * The envelope's execution, if it is the tenant's. Looked up by the envelope alone: with the tenant in
     * the statement too, a generic plan made before the table had statistics can walk the tenant's index
     * and filter every execution the tenant ever had (measured: 50–200 ms per read at 30,000 rows).
     */
    public Optional<ExecutionView> view(String tenant, String envelopeId) {
        return sql.first(
                        "select id, envelope_id, tool_key, action_key, idempotency_key, on_behalf_of, status, attempts,"
                                + " reason, http_status, result_json, result_truncated, cost, tool_millis, cache_hit,"
                                + " created_at, finished_at, tenant_id from execution where envelope_id = ?",
                        row -> !tenant.equals(row.getString(18))
                                ? null
                                : new ExecutionView(
                                        row.getString(1),
                                        row.getString(2),
                                        row.getString(3),
                                        row.getString(4),
                                        row.getString(5),
                                        row.getString(6),
                                        ExecutionStatus.valueOf(row.getString(7)),
                                        row.getInt(8),
                                        row.getString(9),
                                        (Integer) row.getObject(10),
                                        row.getString(11),
                                        row.getBoolean(12),
                                        row.getBigDecimal(13),
                                        row.getLong(14),
                                        row.getBoolean(15),
                                        row.getObject(16, OffsetDateTime.class),
                                        row.getObject(17, OffsetDateTime.class),
                                        List.of()),
                        envelopeId)
                .map(view -> withAttempts(view, attempts(view.id())));
    }

    private List<ExecutionView.Attempt> attempts(String executionId) {
        return sql.list(
                "select attempt, kind, started_at, millis, outcome, http_status, detail, cost from execution_attempt"
                        + " where execution_id = ? order by attempt",
                row -> new ExecutionView.Attempt(
                        row.getInt(1),
                        row.getString(2),
                        row.getObject(3, OffsetDateTime.class),
                        row.getLong(4),
                        row.getString(5),
                        (Integer) row.getObject(6),
                        row.getString(7),
                        row.getBigDecimal(8)),
                executionId);
    }

    private static void addAttempt(
            Sql.Writes writes,
            String executionId,
            String kind,
            Instant startedAt,
            long millis,
            String outcome,
            Integer httpStatus,
            String detail,
            BigDecimal cost) {
        writes.add(
                "insert into execution_attempt (execution_id, attempt, kind, started_at, millis, outcome, http_status,"
                        + " detail, cost) select ?, coalesce(max(attempt), 0) + 1, ?, ?, ?, ?, ?, ?, ?"
                        + " from execution_attempt where execution_id = ?",
                executionId,
                kind,
                startedAt,
                millis,
                outcome,
                httpStatus,
                truncate(detail, 2000),
                cost,
                executionId);
    }

    private static AuditEntry auditEntry(QueuedExecution e, Ended ended) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("envelopeId", e.envelopeId());
        details.put("executionId", e.id());
        details.put("tool", e.tool() + ":" + e.action());
        details.put("idempotencyKey", e.idempotencyKey());
        details.put("attempts", Integer.toString(e.attempts() + ended.callsMade()));
        if (ended.response() != null && ended.response().httpStatus() != null) {
            details.put("httpStatus", ended.response().httpStatus().toString());
        }
        details.put("cost", ended.cost().toPlainString());
        if (e.onBehalfOf() != null) {
            details.put("onBehalfOf", e.onBehalfOf());
        }
        if (ended.reason() != null) {
            details.put("reason", ended.reason());
        }
        return new AuditEntry(
                e.tenant(),
                "mandate",
                e.agentId(),
                e.taskId(),
                e.traceId(),
                "execution." + ended.status().name().toLowerCase(java.util.Locale.ROOT),
                ended.status().name(),
                List.of(),
                null,
                null,
                details);
    }

    private static ExecutionView withAttempts(ExecutionView v, List<ExecutionView.Attempt> attempts) {
        return new ExecutionView(
                v.id(),
                v.envelopeId(),
                v.tool(),
                v.action(),
                v.idempotencyKey(),
                v.onBehalfOf(),
                v.status(),
                v.attempts(),
                v.reason(),
                v.httpStatus(),
                v.resultJson(),
                v.resultTruncated(),
                v.cost(),
                v.toolMillis(),
                v.cacheHit(),
                v.createdAt(),
                v.finishedAt(),
                attempts);
    }

    private record Due(QueuedExecution execution, long leaseMillis) {}

    private static Due due(ResultSet row) throws SQLException {
        return new Due(
                new QueuedExecution(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        row.getString(6),
                        row.getString(16),
                        row.getString(7),
                        row.getString(8),
                        row.getString(9),
                        row.getString(10),
                        JSON.createReader(new StringReader(row.getString(11))).readObject(),
                        null,
                        row.getInt(12),
                        row.getBoolean(13),
                        row.getObject(14, OffsetDateTime.class).toInstant(),
                        null,
                        false),
                row.getLong(15));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static Duration leaseFor(int timeoutMillis) {
        return Duration.ofMillis(timeoutMillis).plusSeconds(5);
    }
}
