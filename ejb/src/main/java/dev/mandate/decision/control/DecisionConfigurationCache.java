package dev.mandate.decision.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest decision configuration this server has read, per tenant. An entry is used only at the
 * generation it was read at: the reader compares it with the database's on every decision.
 */
@ApplicationScoped // a concurrent map: no lock, and no EJB container call on every decision
public class DecisionConfigurationCache {

    private final Map<String, DecisionConfiguration> configurations = new ConcurrentHashMap<>();

    public DecisionConfiguration get(String tenant, String generation) {
        DecisionConfiguration known = configurations.get(tenant);
        return known != null && known.generation().equals(generation) ? known : null;
    }

    /**
     * Keeps it as the tenant's entry. A slow reader may replace a newer entry with an older one; the next
     * decision then sees a generation mismatch and reads again: a reread, never a stale decision.
     */
    public void put(String tenant, DecisionConfiguration configuration) {
        configurations.put(tenant, configuration);
    }
}
