package dev.mandate.audit.boundary;

import dev.mandate.audit.control.AuditEntries;
import dev.mandate.audit.control.ChainShards;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.audit.entity.AuditRecord;
import dev.mandate.audit.entity.ChainPosition;
import dev.mandate.platform.change.ConfigGenerations;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.paging.Page;
import dev.mandate.platform.paging.PageRequest;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.sql.Sql;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The tamper-evident audit trail: appends records in the caller's transaction and reads them back.
 *
 * <p>An append locks the head row of one chain of the tenant (chosen by the agent, else the actor; see
 * {@link ChainShards}) until the caller's transaction ends, takes the next sequence, hashes the record
 * over its canonical form and its predecessor's hash, and moves the head. Appends to other chains do not
 * wait. Call it as the last step of a change so the chain lock is held briefly.
 */
@Stateless
public class AuditTrail {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @EJB
    AuditChains chains;

    @Inject
    ConfigGenerations generations;

    @Inject
    Sql sql;

    /**
     * Appends one record in the CALLER'S transaction (TransactionAttribute REQUIRED): it commits or
     * rolls back with the change it describes. Redacts PII in inputSummary and details values.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public AuditRecord append(AuditEntry entry) {
        return append(entry, sql.writes());
    }

    /**
     * Appends one record as {@link #append(AuditEntry)} does, and runs the caller's {@code writes} with
     * it: on PostgreSQL the caller's writes, the record and the chain's new head go to the database in
     * one request. The caller's writes run after the chain is locked.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public AuditRecord append(AuditEntry entry, Sql.Writes writes) {
        AuditEntry clean = AuditEntries.sanitise(entry);
        if (clean.changesConfiguration()) {
            // every configuration change is audited in its transaction: this is the one place that sees
            // them all, so no change can leave a server deciding on what it cached before
            generations.advance(clean.tenant());
        }
        int shard = ChainShards.shard(clean.agentId(), clean.actor(), ConfigKey.AUDIT_SHARDS.get(Integer.class));
        ChainPosition head = chains.lock(clean.tenant(), shard);
        AuditRecord record = new AuditRecord(
                UUID.randomUUID().toString(),
                clean,
                shard,
                head.nextSequence(),
                head.nextTime(OffsetDateTime.now(ZoneOffset.UTC)),
                head.headHash());
        insert(writes, record);
        AuditChains.advance(writes, head, record);
        int[] changed = writes.run();
        if (changed[changed.length - 1] != 1) {
            throw new IllegalStateException("audit chain " + head.chainId() + " moved while locked");
        }
        return record;
    }

    private static void insert(Sql.Writes writes, AuditRecord r) {
        writes.add(
                "insert into audit_record (id, tenant_id, chain, sequence, recorded_at, actor, agent_id, task_id,"
                        + " trace_id, action, outcome, rule_ids, input_summary, policy_version, details,"
                        + " previous_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                r.hash());
    }

    /** The caller's tenant's records, newest first, optionally only of one agent, trace or action. */
    public Page<AuditRecord> records(Caller caller, String agentId, String traceId, String action, PageRequest page) {
        StringBuilder where = new StringBuilder(" where r.tenantId = :tenant");
        List<String[]> filters = new ArrayList<>();
        if (agentId != null) {
            where.append(" and r.agentId = :agentId");
            filters.add(new String[] {"agentId", agentId});
        }
        if (traceId != null) {
            where.append(" and r.traceId = :traceId");
            filters.add(new String[] {"traceId", traceId});
        }
        if (action != null) {
            where.append(" and r.action = :action");
            filters.add(new String[] {"action", action});
        }
        TypedQuery<AuditRecord> items = em.createQuery(
                "select r from AuditRecord r" + where + " order by r.recordedAt desc, r.chain, r.sequence desc",
                AuditRecord.class);
        TypedQuery<Long> count = em.createQuery("select count(r) from AuditRecord r" + where, Long.class);
        for (TypedQuery<?> query : List.of(items, count)) {
            query.setParameter("tenant", caller.tenant());
            filters.forEach(filter -> query.setParameter(filter[0], filter[1]));
        }
        List<AuditRecord> found =
                items.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
        return new Page<>(found, page.offset(), page.limit(), count.getSingleResult());
    }
}
