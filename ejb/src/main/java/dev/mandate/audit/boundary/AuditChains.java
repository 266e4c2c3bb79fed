package dev.mandate.audit.boundary;

import dev.mandate.audit.entity.AuditChain;
import dev.mandate.audit.entity.AuditRecord;
import dev.mandate.audit.entity.ChainPosition;
import dev.mandate.platform.sql.Sql;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The head rows of the audit chains: locking one, moving it, and creating it the first time it is
 * needed. Appends read and write the head with plain SQL (it is on every decision's path); the
 * sealer's checkpoint columns go through the entity.
 */
@Stateless
public class AuditChains {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @Inject
    Sql sql;

    @EJB
    AuditChains self;

    /**
     * The chain's head, locked ({@code select ... for update}) until the caller's transaction ends. A
     * chain that does not exist yet is created first, in a transaction of its own, so two first appends
     * to it cannot both create it.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public ChainPosition lock(String tenant, int chain) {
        String id = AuditChain.id(tenant, chain);
        Optional<ChainPosition> head = readLocked(id);
        if (head.isEmpty()) {
            try {
                self.create(tenant, chain);
            } catch (RuntimeException raced) {
                // another transaction created it first: use that one
            }
            head = readLocked(id);
        }
        return head.orElseThrow(() -> new IllegalStateException("audit chain " + id + " could not be created"));
    }

    /**
     * Adds to {@code writes} the move of a locked head past {@code record}. The statement changes one
     * row exactly when the head is still where {@code from} says.
     */
    public static void advance(Sql.Writes writes, ChainPosition from, AuditRecord record) {
        ChainPosition to = from.after(record);
        writes.add(
                "update audit_chain set head_sequence = ?, head_hash = ?, head_time = ? where id = ?"
                        + " and head_sequence = ?",
                to.headSequence(),
                to.headHash(),
                to.headTime(),
                to.chainId(),
                from.headSequence());
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void create(String tenant, int chain) {
        if (em.find(AuditChain.class, AuditChain.id(tenant, chain)) == null) {
            em.persist(new AuditChain(tenant, chain));
            em.flush();
        }
    }

    private Optional<ChainPosition> readLocked(String id) {
        return sql.first(
                "select chain, head_sequence, head_hash, head_time from audit_chain where id = ? for update",
                r -> new ChainPosition(
                        id, r.getInt(1), r.getLong(2), r.getString(3), r.getObject(4, OffsetDateTime.class)),
                id);
    }
}
