package dev.mandate.tenant.boundary;

import com.github.benmanes.caffeine.cache.Cache;
import dev.mandate.platform.cache.Caches;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.tenant.entity.Tenant;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Tenants are asserted by the identity provider (the token's tenant claim). The first write in a
 * tenant registers it, so a new customer needs no separate onboarding call.
 */
@Stateless
public class Tenants {

    /** Tenants whose row exists: one entry per row, so bounded by the table. */
    private static final Cache<String, Boolean> KNOWN =
            Caches.named("tenant.registered").build();

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @EJB
    Tenants self;

    public Tenant get(String tenantId) {
        Tenant tenant = em.find(Tenant.class, tenantId);
        if (tenant == null) {
            throw new ResourceNotFoundException("tenant", tenantId);
        }
        return tenant;
    }

    /** Makes sure the tenant row exists; safe when two first writes of a tenant race. */
    public void ensureRegistered(String tenantId, String displayName) {
        if (KNOWN.getIfPresent(tenantId) != null) {
            return;
        }
        if (em.find(Tenant.class, tenantId) == null) {
            try {
                self.register(tenantId, displayName);
            } catch (RuntimeException raced) {
                if (self.find(tenantId) == null) {
                    throw raced;
                }
            }
        }
        KNOWN.put(tenantId, Boolean.TRUE);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void register(String tenantId, String displayName) {
        em.persist(new Tenant(tenantId, displayName));
        em.flush();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Tenant find(String tenantId) {
        return em.find(Tenant.class, tenantId);
    }
}
