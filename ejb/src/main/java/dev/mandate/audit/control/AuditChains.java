package dev.mandate.audit.control;

import dev.mandate.audit.entity.AuditChain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Creates an audit chain's head row the first time it is needed, in a transaction of its own. Appends
 * lock and move the head with plain SQL ({@code AuditAppender}, on every decision's path); the sealer's
 * checkpoint columns go through the entity.
 */
@ApplicationScoped
public class AuditChains {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @Transactional(TxType.REQUIRES_NEW)
    public void create(String tenant, int chain) {
        if (em.find(AuditChain.class, AuditChain.id(tenant, chain)) == null) {
            em.persist(new AuditChain(tenant, chain));
            em.flush();
        }
    }
}
