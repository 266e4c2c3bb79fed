package dev.mandate.rbac.control;

import dev.mandate.platform.sql.Sql;
import dev.mandate.rbac.entity.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** The tenant's approver roles whose permissions cover an action: who may approve it. */
@ApplicationScoped
public class ApproverRoles {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @Inject
    Sql sql;

    /**
     * The approver roles a person holds in the tenant whose permissions cover the action (what they may
     * approve), by name in lower case.
     */
    public java.util.Set<String> heldCovering(String tenant, String person, String tool, String action) {
        return java.util.Set.copyOf(sql.list(
                "select r.name_lower from rbac_role r join rbac_role_assignment a on a.role_id = r.id"
                        + " where a.tenant_id = ? and a.principal_type = 'PERSON' and a.principal = ?"
                        + " and r.approver = true and exists (select 1 from rbac_role_permission p"
                        + " where p.role_id = r.id and p.tool = ? and (p.action = '*' or p.action = ?))",
                row -> row.getString(1),
                tenant,
                person,
                tool,
                action));
    }

    public List<String> covering(String tenant, String tool, String action) {
        return em.createNamedQuery(Role.PAGE, Role.class).setParameter("tenant", tenant).getResultList().stream()
                .filter(Role::approver)
                .filter(role -> role.definition().permissions().stream().anyMatch(p -> p.covers(tool, action)))
                .map(Role::name)
                .toList();
    }
}
