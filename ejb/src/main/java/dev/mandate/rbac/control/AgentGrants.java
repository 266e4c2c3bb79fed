package dev.mandate.rbac.control;

import dev.mandate.platform.sql.Sql;
import dev.mandate.rbac.entity.Grants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Reads what an agent's roles permit, in one statement on the caller's transaction (a CDI bean: the
 * decision path calls it without an EJB call, once per agent and configuration generation).
 */
@ApplicationScoped
public class AgentGrants {

    @Inject
    Sql sql;

    public Grants of(String tenant, String agentId) {
        return Grants.of(sql.list(
                "select r.name, p.tool, p.action from rbac_role_assignment a"
                        + " join rbac_role r on r.id = a.role_id join rbac_role_permission p on p.role_id = r.id"
                        + " where a.tenant_id = ? and a.principal_type = 'AGENT' and a.principal = ?"
                        + " and r.approver = false",
                row -> new Grants.Grant(row.getString(1), row.getString(2), row.getString(3)),
                tenant,
                agentId));
    }
}
