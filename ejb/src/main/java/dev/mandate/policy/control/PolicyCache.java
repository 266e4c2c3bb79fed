package dev.mandate.policy.control;

import dev.mandate.platform.cache.VersionedCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Compiled rule sets, one per tenant: the newest one this server has needed. An entry is used only for
 * the policy version it was compiled at, so a change on any server takes effect here on the next
 * decision (the evaluator reads the current version from the database each time).
 */
@ApplicationScoped // no lock, and no EJB container call on every decision
public class PolicyCache {

    private final VersionedCache<CompiledPolicySet> sets =
            new VersionedCache<>("policy.compiled-sets", CompiledPolicySet::policyVersion);

    public CompiledPolicySet get(String tenant, String policyVersion) {
        return sets.get(tenant, policyVersion);
    }

    /**
     * The set compiled at this version, else whatever {@code read} gives: a decision that read the policy
     * version with the rest of its configuration needs no other read (nor an EJB call) when it is known.
     */
    public CompiledPolicySet getOrRead(String tenant, String policyVersion, Supplier<CompiledPolicySet> read) {
        CompiledPolicySet known = get(tenant, policyVersion);
        return known != null ? known : read.get();
    }

    public void put(String tenant, CompiledPolicySet set) {
        sets.put(tenant, set, PolicyCache::newer);
    }

    private static CompiledPolicySet newer(CompiledPolicySet old, CompiledPolicySet fresh) {
        return Long.parseLong(fresh.policyVersion()) >= Long.parseLong(old.policyVersion()) ? fresh : old;
    }
}
