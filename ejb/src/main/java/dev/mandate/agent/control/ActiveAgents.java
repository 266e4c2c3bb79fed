package dev.mandate.agent.control;

import dev.mandate.agent.entity.AgentProfile;
import dev.mandate.agent.entity.AgentSnapshot;
import dev.mandate.agent.entity.AgentStatus;
import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.platform.error.AgentNotActiveException;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Refuses an agent that is not ACTIVE. Read from the database on every call, so a suspension takes effect
 * on the agent's very next request, whatever its token says. A request filter calls this before an
 * agent's request, outside any transaction: one plain query, no entity manager (which cost the decision
 * path about 5% of its CPU, JFR; BENCHMARKS.md). The decision path reads the agent inside its own
 * transaction instead, on PostgreSQL in the statement that claims the idempotency key ({@link #COLUMNS},
 * {@link #active}).
 */
@ApplicationScoped
public class ActiveAgents {

    /** The agent's columns {@link #active} reads, in its order. */
    public static final List<String> COLUMNS = List.of(
            "id",
            "tenant_id",
            "name",
            "description",
            "sponsor",
            "default_tier",
            "external_id",
            "workflow",
            "shadow_mode",
            "status");

    private static final String SELECT = "select " + String.join(", ", COLUMNS) + " from agent where id = ?";

    @Inject
    Sql sql;

    public AgentSnapshot require(String tenant, String agentId) {
        return sql.first(SELECT, row -> active(row, 1, tenant), agentId).orElseThrow(() -> notOfTenant());
    }

    /**
     * The agent in {@link #COLUMNS} from column {@code first} on, if it is an ACTIVE agent of the tenant.
     * All columns null (an outer join that found no agent) is refused like another tenant's agent.
     */
    public static AgentSnapshot active(ResultSet row, int first, String tenant) throws SQLException {
        String tenantId = row.getString(first + 1);
        if (tenantId == null || !tenantId.equals(tenant)) {
            throw notOfTenant();
        }
        AgentStatus status = AgentStatus.valueOf(row.getString(first + 9));
        if (status != AgentStatus.ACTIVE) {
            throw new AgentNotActiveException("agent is " + status);
        }
        return new AgentSnapshot(
                row.getString(first),
                tenantId,
                new AgentProfile(
                        row.getString(first + 2),
                        row.getString(first + 3),
                        row.getString(first + 4),
                        AuthorityTier.valueOf(row.getString(first + 5)),
                        row.getString(first + 6),
                        row.getString(first + 7)),
                row.getBoolean(first + 8));
    }

    private static AgentNotActiveException notOfTenant() {
        return new AgentNotActiveException("the token's subject is not an agent of this tenant");
    }
}
