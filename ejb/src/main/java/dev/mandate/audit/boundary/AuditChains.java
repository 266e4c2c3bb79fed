package dev.mandate.audit.boundary;

import dev.mandate.audit.entity.AuditChain;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

/** The head rows of the audit chains: locking one, and creating it the first time it is needed. */
@Stateless
public class AuditChains {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @EJB
    AuditChains self;

    /**
     * The chain's head row, locked ({@code select ... for update}) until the caller's transaction ends.
     * A chain that does not exist yet is created first, in a transaction of its own, so two first
     * appends to it cannot both create it.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public AuditChain lock(String tenant, int chain) {
        String id = AuditChain.id(tenant, chain);
        AuditChain head = em.find(AuditChain.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            try {
                self.create(tenant, chain);
            } catch (RuntimeException raced) {
                // another transaction created it first: use that one
            }
            head = em.find(AuditChain.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (head == null) {
                throw new IllegalStateException("audit chain " + id + " could not be created");
            }
        }
        return head;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void create(String tenant, int chain) {
        if (em.find(AuditChain.class, AuditChain.id(tenant, chain)) == null) {
            em.persist(new AuditChain(tenant, chain));
            em.flush();
        }
    }
}
