package dev.mandate.audit.control;

import dev.mandate.audit.entity.AuditChain;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.audit.entity.AuditRecord;
import dev.mandate.audit.entity.ChainPosition;
import dev.mandate.platform.change.ConfigGenerations;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.id.TimeOrderedIds;
import dev.mandate.platform.schema.DatabaseProduct;
import dev.mandate.platform.sql.Sql;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

/**
 * Appends one audit record in the caller's running transaction (see {@code AuditTrail}, whose appends
 * come here, and {@code ConfigurationChanges}). A CDI bean, so the decision path, already inside its transaction, appends without two EJB
 * calls (the trail's and the chain lock's), each an interceptor chain, a security check and tracing
 * lookups (JFR, BENCHMARKS.md).
 *
 * <p>The append locks the head row of one chain of the tenant (chosen by the agent, else the actor; see
 * {@link ChainShards}) until the transaction ends, takes the next sequence, hashes the record over its
 * canonical form and its predecessor's hash, and moves the head. Appends to other chains do not wait.
 */
@ApplicationScoped
public class AuditAppender {

    private static final String RECORD_COLUMNS = "id, tenant_id, chain, sequence, recorded_at, actor, agent_id,"
            + " task_id, trace_id, action, outcome, rule_ids, input_summary, policy_version, details, previous_hash,"
            + " hash, input_summary_salt, input_summary_digest";

    @Inject
    ChainHeads heads;

    @Inject
    DatabaseProduct database;

    @Inject
    AuditChains chains;

    @Inject
    ConfigGenerations generations;

    @Inject
    Sql sql;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /**
     * Appends the record with {@code writes}, which its owner runs (with whatever else the transaction
     * writes: on PostgreSQL in one request). The chain's head is locked before any of those writes, and
     * stays locked until the transaction ends; running them fails with {@link IllegalStateException} if
     * the head moved meanwhile.
     *
     * <p>On PostgreSQL, where this server last moved the chain's head ({@link ChainHeads}) is taken as a
     * prediction: the lock, and the record continuing the predicted head, go as the first statements of
     * the writes' own request, the record written only if the head is where predicted (a statement that
     * checks it under the lock). When it is not, the head is read under the lock, and the record made anew
     * from it and written, two more requests. Elsewhere, or without a prediction, the head
     * is locked now, one request of its own, and the record added to {@code writes}.
     *
     * <p>A configuration change must have advanced its tenant's configuration generation in this
     * transaction first ({@code ConfigurationChanges} does both): what decisions read is cached until the
     * generation moves, so an audited change that did not move it would leave servers deciding on what
     * they cached before.
     *
     * @throws IllegalStateException outside a running transaction (the chain lock would end at once), or
     *     for a configuration change whose generation did not advance
     */
    public void appendTo(Sql.Writes writes, AuditEntry entry) {
        AuditEntry clean = checked(entry);
        int shard = shard(clean);
        String chainId = AuditChain.id(clean.tenant(), shard);
        Optional<ChainPosition> predicted = database.isPostgres() ? heads.predicted(chainId) : Optional.empty();
        if (predicted.isEmpty()) {
            ChainPosition head = lock(clean.tenant(), shard);
            AuditRecord record = record(TimeOrderedIds.next(), clean, head);
            insert(writes, record);
            advance(writes, head, record);
            heads.moved(head.after(record));
            return;
        }
        ChainPosition guess = predicted.get();
        AuditRecord guessed = record(TimeOrderedIds.next(), clean, guess);
        writes.leadQuery("select 1 from audit_chain where id = ? for update", r -> true, chainId);
        Sql.Result<Integer> written = insertContinuing(writes, guess, guessed);
        heads.moved(guess.after(guessed));
        writes.add(() -> {
            if (written.get() == 1) {
                heads.held(chainId);
                return;
            }
            heads.missed(chainId);
            // the head was elsewhere: read where it is (the lock is held since the request's first statement)
            appendNow(guessed.id(), clean, shard);
        });
    }

    private AuditEntry checked(AuditEntry entry) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("an audit append needs the caller's running transaction");
        }
        AuditEntry clean = AuditEntries.sanitise(entry);
        if (clean.changesConfiguration() && !generations.advancedInThisTransaction(clean.tenant())) {
            throw new IllegalStateException("configuration change '" + clean.action()
                    + "' audited without advancing the configuration generation");
        }
        return clean;
    }

    private static int shard(AuditEntry clean) {
        return ChainShards.shard(clean.agentId(), clean.actor(), ConfigKey.AUDIT_SHARDS.get(Integer.class));
    }

    private static AuditRecord record(String id, AuditEntry clean, ChainPosition head) {
        return new AuditRecord(
                id,
                clean,
                head.chain(),
                head.nextSequence(),
                head.nextTime(OffsetDateTime.now(ZoneOffset.UTC)),
                head.headHash());
    }

    /**
     * Appends the record on its own, now: the head locked, the record and the head's move written (in
     * the caller's running transaction), the record returned as written.
     */
    public AuditRecord append(AuditEntry entry) {
        AuditEntry clean = checked(entry);
        return appendNow(TimeOrderedIds.next(), clean, shard(clean));
    }

    private AuditRecord appendNow(String id, AuditEntry clean, int shard) {
        ChainPosition head = lock(clean.tenant(), shard);
        AuditRecord record = record(id, clean, head);
        Sql.Writes writes = sql.writes();
        insert(writes, record);
        advance(writes, head, record);
        writes.run();
        heads.moved(head.after(record));
        return record;
    }

    /**
     * The chain's head, locked ({@code select ... for update}) until the transaction ends. A chain that
     * does not exist yet is created first, in a transaction of its own, so two first appends to it cannot
     * both create it.
     */
    private ChainPosition lock(String tenant, int chain) {
        String id = AuditChain.id(tenant, chain);
        Optional<ChainPosition> head = readLocked(id);
        if (head.isEmpty()) {
            try {
                chains.create(tenant, chain);
            } catch (RuntimeException raced) {
                // another transaction created it first: use that one
            }
            head = readLocked(id);
        }
        return head.orElseThrow(() -> new IllegalStateException("audit chain " + id + " could not be created"));
    }

    private Optional<ChainPosition> readLocked(String id) {
        return sql.first(
                "select chain, head_sequence, head_hash, head_time from audit_chain where id = ? for update",
                r -> new ChainPosition(id, r.getInt(1), r.getLong(2), r.getString(3), utc(r.getTimestamp(4))),
                id);
    }

    /**
     * The head's time, read as a timestamp: the pool's JDBC wrapper serves {@code getObject(int, Class)}
     * by looking the driver's method up reflectively on every call (2% of an executed call's CPU, JFR).
     */
    private static OffsetDateTime utc(Timestamp time) {
        return time == null ? null : time.toInstant().atOffset(ZoneOffset.UTC);
    }

    /**
     * Adds to {@code writes} the move of a locked head past {@code record}. The statement changes one
     * row exactly when the head is still where {@code from} says.
     */
    private static void advance(Sql.Writes writes, ChainPosition from, AuditRecord record) {
        ChainPosition to = from.after(record);
        writes.addExpectingOne(
                () -> new IllegalStateException("audit chain " + from.chainId() + " moved while locked"),
                "update audit_chain set head_sequence = ?, head_hash = ?, head_time = ? where id = ?"
                        + " and head_sequence = ?",
                to.headSequence(),
                to.headHash(),
                to.headTime(),
                to.chainId(),
                from.headSequence());
    }

    /**
     * Adds, right after the lock, the record and the head's move past it, both written only if the head
     * is still at {@code from} (sequence and hash) when the statement runs under the lock: one row
     * inserted then, none otherwise.
     */
    private static Sql.Result<Integer> insertContinuing(Sql.Writes writes, ChainPosition from, AuditRecord r) {
        ChainPosition to = from.after(r);
        return writes.leadUpdate(
                "with moved as (update audit_chain set head_sequence = ?, head_hash = ?, head_time = ?"
                        + " where id = ? and head_sequence = ? and head_hash = ? returning id)"
                        + " insert into audit_record (" + RECORD_COLUMNS + ")"
                        + " select cast(? as varchar), cast(? as varchar), cast(? as integer), cast(? as bigint),"
                        + " cast(? as timestamp with time zone), cast(? as varchar), cast(? as varchar),"
                        + " cast(? as varchar), cast(? as varchar), cast(? as varchar), cast(? as varchar),"
                        + " cast(? as varchar), cast(? as varchar), cast(? as varchar), cast(? as varchar),"
                        + " cast(? as varchar), cast(? as varchar), cast(? as varchar), cast(? as varchar)"
                        + " from moved",
                concat(
                        new Object[] {
                            to.headSequence(),
                            to.headHash(),
                            to.headTime(),
                            to.chainId(),
                            from.headSequence(),
                            from.headHash()
                        },
                        values(r)));
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static void insert(Sql.Writes writes, AuditRecord r) {
        writes.add(
                "insert into audit_record (" + RECORD_COLUMNS + ")"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values(r));
    }

    private static Object[] values(AuditRecord r) {
        return new Object[] {
            r.id(),
            r.tenantId(),
            r.chain(),
            r.sequence(),
            r.recordedAt(),
            r.actor(),
            r.agentId(),
            r.taskId(),
            r.traceId(),
            r.action(),
            r.outcome(),
            r.ruleIdsJson(),
            r.inputSummary(),
            r.policyVersion(),
            r.detailsJson(),
            r.previousHash(),
            r.hash(),
            r.inputSummarySalt(),
            r.inputSummaryDigest()
        };
    }
}
