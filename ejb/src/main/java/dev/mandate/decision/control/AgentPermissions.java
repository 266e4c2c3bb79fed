package dev.mandate.decision.control;

import dev.mandate.platform.cache.CappedCache;
import dev.mandate.rbac.entity.Grants;
import java.util.function.Function;

/**
 * What each agent's roles permit at one configuration generation, each agent's read on its first
 * decision. Every role change (permissions, assignments, SCIM group membership, deletion) is audited and
 * so advances the generation: a decision that read the generation this belongs to reads grants at least
 * that new.
 */
public final class AgentPermissions {

    /** Beyond this many agents a tenant's grants are read on every decision rather than kept. */
    static final int MAX_AGENTS = 50_000;

    private final CappedCache<String, Grants> byAgent = new CappedCache<>("decision.agent-permissions", MAX_AGENTS);

    /** The agent's grants, read with {@code read} unless already known. */
    public Grants of(String agentId, Function<String, Grants> read) {
        return byAgent.get(agentId, read);
    }
}
