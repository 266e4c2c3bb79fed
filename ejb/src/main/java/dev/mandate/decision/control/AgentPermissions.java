package dev.mandate.decision.control;

import dev.mandate.rbac.entity.Grants;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    private final Map<String, Grants> byAgent = new ConcurrentHashMap<>();

    /** The agent's grants, read with {@code read} unless already known. */
    public Grants of(String agentId, Function<String, Grants> read) {
        Grants known = byAgent.get(agentId);
        if (known != null) {
            return known;
        }
        Grants grants = read.apply(agentId);
        if (byAgent.size() < MAX_AGENTS) {
            byAgent.putIfAbsent(agentId, grants);
        }
        return grants;
    }
}
