package dev.mandate.audit.boundary;

import dev.mandate.audit.entity.AuditChain;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Creates an audit chain's head row the first time it is needed, in a transaction of its own. Appends
 * lock and move the head with plain SQL ({@code AuditAppender}, on every decision's path); the sealer's
 * checkpoint columns go through the entity.
 */
@Stateless
public class AuditChains {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void create(String tenant, int chain) {
        if (em.find(AuditChain.class, AuditChain.id(tenant, chain)) == null) {
            em.persist(new AuditChain(tenant, chain));
            em.flush();
        }
    }
}
