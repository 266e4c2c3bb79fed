package dev.mandate.decision.control;

import dev.mandate.platform.cache.VersionedCache;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The newest decision configuration this server has read, per tenant. An entry is used only at the
 * generation it was read at: the reader compares it with the database's on every decision.
 */
@ApplicationScoped // no lock, and no EJB container call on every decision
public class DecisionConfigurationCache {

    private final VersionedCache<DecisionConfiguration> configurations =
            new VersionedCache<>("decision.configurations", DecisionConfiguration::generation);

    public DecisionConfiguration get(String tenant, String generation) {
        return configurations.get(tenant, generation);
    }

    /**
     * Keeps it as the tenant's entry. A slow reader may replace a newer entry with an older one; the next
     * decision then sees a generation mismatch and reads again: a reread, never a stale decision.
     */
    public void put(String tenant, DecisionConfiguration configuration) {
        configurations.put(tenant, configuration);
    }
}
