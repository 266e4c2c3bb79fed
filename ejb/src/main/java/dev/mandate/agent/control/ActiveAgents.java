package dev.mandate.agent.control;

import dev.mandate.agent.entity.AgentProfile;
import dev.mandate.agent.entity.AgentSnapshot;
import dev.mandate.agent.entity.AgentStatus;
import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.platform.error.AgentNotActiveException;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Refuses an agent that is not ACTIVE. Read from the database on every call, so a suspension takes effect
 * on the agent's very next request, whatever its token says. A request filter calls this before every
 * agent's request, outside any transaction: one plain query, no entity manager (which cost the decision
 * path about 5% of its CPU, JFR; BENCHMARKS.md).
 */
@ApplicationScoped
public class ActiveAgents {

    private static final String SELECT =
            "select id, tenant_id, name, description, sponsor, default_tier, external_id, workflow, shadow_mode,"
                    + " status from agent where id = ?";

    @Inject
    Sql sql;

    private record Row(AgentSnapshot agent, AgentStatus status) {}

    public AgentSnapshot require(String tenant, String agentId) {
        Row row = sql.first(
                        SELECT,
                        result -> new Row(
                                new AgentSnapshot(
                                        result.getString("id"),
                                        result.getString("tenant_id"),
                                        new AgentProfile(
                                                result.getString("name"),
                                                result.getString("description"),
                                                result.getString("sponsor"),
                                                AuthorityTier.valueOf(result.getString("default_tier")),
                                                result.getString("external_id"),
                                                result.getString("workflow")),
                                        result.getBoolean("shadow_mode")),
                                AgentStatus.valueOf(result.getString("status"))),
                        agentId)
                .filter(found -> found.agent().tenantId().equals(tenant))
                .orElseThrow(() -> new AgentNotActiveException("the token's subject is not an agent of this tenant"));
        if (row.status() != AgentStatus.ACTIVE) {
            throw new AgentNotActiveException("agent is " + row.status());
        }
        return row.agent();
    }
}
