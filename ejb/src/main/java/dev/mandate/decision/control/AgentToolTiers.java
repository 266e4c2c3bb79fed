package dev.mandate.decision.control;

import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.platform.cache.CappedCache;
import java.util.Map;
import java.util.function.Function;

/**
 * The agents' per-tool tier overrides at one configuration generation, each agent's read on its first
 * decision. Every tier change is audited and so advances the generation: a decision that read the
 * generation this belongs to reads overrides at least that new.
 */
public final class AgentToolTiers {

    /** Beyond this many agents a tenant's overrides are read on every decision rather than kept. */
    static final int MAX_AGENTS = 50_000;

    private final CappedCache<String, Map<String, AuthorityTier>> byAgent =
            new CappedCache<>("decision.agent-tool-tiers", MAX_AGENTS);

    /** The agent's overrides (tool key → tier), read with {@code read} unless already known. */
    public Map<String, AuthorityTier> of(String agentId, Function<String, Map<String, AuthorityTier>> read) {
        Map<String, AuthorityTier> known = byAgent.getIfPresent(agentId);
        return known != null ? known : byAgent.keep(agentId, Map.copyOf(read.apply(agentId)));
    }
}
