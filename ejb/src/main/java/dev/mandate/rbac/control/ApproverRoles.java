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

    /** The approver roles a person holds in the tenant, by name in lower case. */
    public java.util.Set<String> heldBy(String tenant, String person) {
        return sql
                .list(
                        "select r.name from rbac_role r join rbac_role_assignment a on a.role_id = r.id"
                                + " where a.tenant_id = ? and a.principal_type = 'PERSON' and a.principal = ?"
                                + " and r.approver = true",
                        row -> row.getString(1).toLowerCase(java.util.Locale.ROOT),
                        tenant,
                        person)
                .stream()
                .collect(java.util.stream.Collectors.toSet());
    }

    public List<String> covering(String tenant, String tool, String action) {
        return em.createNamedQuery(Role.PAGE, Role.class).setParameter("tenant", tenant).getResultList().stream()
                .filter(Role::approver)
                .filter(role -> role.definition().permissions().stream().anyMatch(p -> p.covers(tool, action)))
                .map(Role::name)
                .toList();
    }
}
