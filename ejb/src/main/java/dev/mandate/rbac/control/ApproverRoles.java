package dev.mandate.rbac.control;

import dev.mandate.rbac.entity.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** The tenant's approver roles whose permissions cover an action: who may approve it. */
@ApplicationScoped
public class ApproverRoles {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    public List<String> covering(String tenant, String tool, String action) {
        return em.createNamedQuery(Role.PAGE, Role.class).setParameter("tenant", tenant).getResultList().stream()
                .filter(Role::approver)
                .filter(role -> role.definition().permissions().stream().anyMatch(p -> p.covers(tool, action)))
                .map(Role::name)
                .toList();
    }
}
