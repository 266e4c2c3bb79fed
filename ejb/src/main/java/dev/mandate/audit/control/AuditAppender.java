package dev.mandate.audit.control;

import dev.mandate.audit.entity.AuditChain;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.audit.entity.AuditRecord;
import dev.mandate.audit.entity.ChainPosition;
import dev.mandate.platform.change.ConfigGenerations;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.id.TimeOrderedIds;
import dev.mandate.platform.sql.Sql;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    @Inject
    AuditChains chains;

    @Inject
    ConfigGenerations generations;

    @Inject
    Sql sql;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /**
     * Appends the record: locks its chain's head, then adds the record and the head's move to {@code
     * writes}, which its owner runs (with whatever else the transaction writes: on PostgreSQL in one
     * request). Running them fails with {@link IllegalStateException} if the head moved meanwhile.
     *
     * <p>A configuration change must have advanced its tenant's configuration generation in this
     * transaction first ({@code ConfigurationChanges} does both): what decisions read is cached until the
     * generation moves, so an audited change that did not move it would leave servers deciding on what
     * they cached before.
     *
     * @throws IllegalStateException outside a running transaction (the chain lock would end at once), or
     *     for a configuration change whose generation did not advance
     */
    public AuditRecord appendTo(Sql.Writes writes, AuditEntry entry) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("an audit append needs the caller's running transaction");
        }
        AuditEntry clean = AuditEntries.sanitise(entry);
        if (clean.changesConfiguration() && !generations.advancedInThisTransaction(clean.tenant())) {
            throw new IllegalStateException("configuration change '" + clean.action()
                    + "' audited without advancing the configuration generation");
        }
        int shard = ChainShards.shard(clean.agentId(), clean.actor(), ConfigKey.AUDIT_SHARDS.get(Integer.class));
        ChainPosition head = lock(clean.tenant(), shard);
        AuditRecord record = new AuditRecord(
                TimeOrderedIds.next(),
                clean,
                shard,
                head.nextSequence(),
                head.nextTime(OffsetDateTime.now(ZoneOffset.UTC)),
                head.headHash());
        insert(writes, record);
        advance(writes, head, record);
        return record;
    }

    /** Appends the record on its own: {@link #appendTo} with writes of its own, run at once. */
    public AuditRecord append(AuditEntry entry) {
        Sql.Writes writes = sql.writes();
        AuditRecord record = appendTo(writes, entry);
        writes.run();
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

    private static void insert(Sql.Writes writes, AuditRecord r) {
        writes.add(
                "insert into audit_record (id, tenant_id, chain, sequence, recorded_at, actor, agent_id, task_id,"
                        + " trace_id, action, outcome, rule_ids, input_summary, policy_version, details,"
                        + " previous_hash, hash, input_summary_salt, input_summary_digest)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                r.inputSummaryDigest());
    }
}
