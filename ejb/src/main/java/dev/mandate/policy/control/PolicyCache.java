package dev.mandate.policy.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled rule sets, one per tenant: the newest one this server has needed. An entry is used only for
 * the policy version it was compiled at, so a change on any server takes effect here on the next
 * decision (the evaluator reads the current version from the database each time).
 */
@ApplicationScoped // a concurrent map: no lock, and no EJB container call on every decision
public class PolicyCache {

    private final Map<String, CompiledPolicySet> sets = new ConcurrentHashMap<>();

    public CompiledPolicySet get(String tenant, String policyVersion) {
        CompiledPolicySet set = sets.get(tenant);
        return set != null && set.policyVersion().equals(policyVersion) ? set : null;
    }

    public void put(String tenant, CompiledPolicySet set) {
        sets.merge(tenant, set, (old, fresh) -> newer(old, fresh));
    }

    private static CompiledPolicySet newer(CompiledPolicySet old, CompiledPolicySet fresh) {
        return Long.parseLong(fresh.policyVersion()) >= Long.parseLong(old.policyVersion()) ? fresh : old;
    }
}
