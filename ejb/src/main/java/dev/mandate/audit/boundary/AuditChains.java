package dev.mandate.audit.boundary;

import dev.mandate.audit.entity.AuditChain;
import dev.mandate.audit.entity.AuditRecord;
import dev.mandate.audit.entity.ChainPosition;
import dev.mandate.platform.sql.Sql;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The head rows of the audit chains: moving one, and creating it the first time it is needed. Appends
 * lock and move the head with plain SQL ({@code AuditAppender}, on every decision's path); the sealer's
 * checkpoint columns go through the entity.
 */
@Stateless
public class AuditChains {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

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
}
