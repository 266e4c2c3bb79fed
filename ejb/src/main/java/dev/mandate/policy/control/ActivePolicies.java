package dev.mandate.policy.control;

import dev.mandate.policy.entity.PolicyRule;
import dev.mandate.policy.entity.PolicySet;
import dev.mandate.policy.entity.RuleContent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * A tenant's active rules at its current policy version. Rules are compiled once per (tenant, policy
 * version) and cached; the current version is read from the database each time (one primary-key read),
 * so a rule change made on any server applies to the very next decision everywhere.
 */
@ApplicationScoped
public class ActivePolicies {

    private static final int CONSISTENT_READ_ATTEMPTS = 5;

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @Inject
    PolicyCache cache;

    /** The tenant's current policy version ("0" before its first rule). */
    public String currentVersion(String tenant) {
        return Long.toString(version(tenant));
    }

    /** The tenant's enabled rules at its current version, compiled (and cached) if not yet. */
    public CompiledPolicySet active(String tenant) {
        for (int attempt = 0; attempt < CONSISTENT_READ_ATTEMPTS; attempt++) {
            long before = version(tenant);
            String key = Long.toString(before);
            CompiledPolicySet cached = cache.get(tenant, key);
            if (cached != null) {
                return cached;
            }
            List<PolicyRule> rules = em.createNamedQuery(PolicyRule.ENABLED, PolicyRule.class)
                    .setParameter("tenant", tenant)
                    .getResultList();
            // versions only grow and a change commits its rules with its version: same number on both
            // sides of the read means the rules read are exactly that version's
            if (version(tenant) == before) {
                CompiledPolicySet set = new CompiledPolicySet(
                        key, rules.stream().map(ActivePolicies::compiled).toList());
                cache.put(tenant, set);
                return set;
            }
        }
        throw new IllegalStateException("the policy of tenant '" + tenant + "' changes too fast to read");
    }

    private long version(String tenant) {
        List<Long> versions = em.createNamedQuery(PolicySet.VERSION, Long.class)
                .setParameter("tenant", tenant)
                .getResultList();
        return versions.isEmpty() ? 0 : versions.get(0);
    }

    /** The compiled form of a stored rule . */
    private static CompiledRule compiled(PolicyRule rule) {
        RuleContent c = rule.content();
        return CompiledRule.of(
                new ValidRule(
                        rule.ruleId(),
                        c.name(),
                        c.priority(),
                        c.kind(),
                        RuleParams.fromJson(c.paramsJson()),
                        c.expression(),
                        c.effect(),
                        c.approverRole(),
                        c.reason(),
                        c.enabled()),
                rule.ruleVersion());
    }
}
