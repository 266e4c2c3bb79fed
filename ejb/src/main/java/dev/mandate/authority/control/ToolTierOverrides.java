package dev.mandate.authority.control;

import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/** An agent's tiers per tool where they differ from its default tier. */
@ApplicationScoped
public class ToolTierOverrides {

    @Inject
    Sql sql;

    /** tool key → tier, for the tools where the agent's tier differs from its default. */
    public Map<String, AuthorityTier> of(String tenant, String agentId) {
        Map<String, AuthorityTier> tiers = new LinkedHashMap<>();
        sql.list(
                        "select tool_key, tier from agent_tool_tier where tenant_id = ? and agent_id = ? order by tool_key",
                        r -> Map.entry(r.getString(1), AuthorityTier.valueOf(r.getString(2))),
                        tenant,
                        agentId)
                .forEach(tier -> tiers.put(tier.getKey(), tier.getValue()));
        return tiers;
    }
}
