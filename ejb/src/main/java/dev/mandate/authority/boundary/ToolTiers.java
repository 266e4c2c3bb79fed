package dev.mandate.authority.boundary;

import dev.mandate.agent.boundary.Agents;
import dev.mandate.agent.entity.Agent;
import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.catalog.boundary.Tools;
import dev.mandate.configuration.control.ConfigurationChanges;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.security.Caller;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/** Authority tiers per agent × tool, overriding the agent's default tier for that tool. */
@Stateless
public class ToolTiers {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @Inject
    ConfigurationChanges changes;

    @EJB
    Agents agents;

    @EJB
    Tools tools;

    public void set(Caller caller, String agentId, String toolKey, AuthorityTier tier) {
        Agent agent = agents.get(caller, agentId);
        tools.find(caller.tenant(), toolKey).orElseThrow(() -> new ResourceNotFoundException("tool", toolKey));
        int updated = em.createNativeQuery("update agent_tool_tier set tier = ?1, updated_at = ?2, updated_by = ?3"
                        + " where agent_id = ?4 and tool_key = ?5")
                .setParameter(1, tier.name())
                .setParameter(2, OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter(3, caller.subject())
                .setParameter(4, agent.id())
                .setParameter(5, toolKey)
                .executeUpdate();
        if (updated == 0) {
            em.createNativeQuery(
                            "insert into agent_tool_tier (tenant_id, agent_id, tool_key, tier, updated_at, updated_by)"
                                    + " values (?1, ?2, ?3, ?4, ?5, ?6)")
                    .setParameter(1, caller.tenant())
                    .setParameter(2, agent.id())
                    .setParameter(3, toolKey)
                    .setParameter(4, tier.name())
                    .setParameter(5, OffsetDateTime.now(ZoneOffset.UTC))
                    .setParameter(6, caller.subject())
                    .executeUpdate();
        }
        changes.record(AuditEntry.adminChange(
                caller, "tier.changed", agent.id(), Map.of("tool", toolKey, "after", tier.name())));
    }

    public void clear(Caller caller, String agentId, String toolKey) {
        Agent agent = agents.get(caller, agentId);
        em.createNativeQuery("delete from agent_tool_tier where agent_id = ?1 and tool_key = ?2")
                .setParameter(1, agent.id())
                .setParameter(2, toolKey)
                .executeUpdate();
        changes.record(AuditEntry.adminChange(caller, "tier.cleared", agent.id(), Map.of("tool", toolKey)));
    }
}
