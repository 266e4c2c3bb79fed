package dev.mandate.policy.boundary;

import dev.mandate.policy.control.CompiledPolicySet;
import dev.mandate.policy.control.CompiledRule;
import dev.mandate.policy.control.PolicyCache;
import dev.mandate.policy.control.PolicyInput;
import dev.mandate.policy.control.PolicyOutcome;
import dev.mandate.policy.control.RuleDraft;
import dev.mandate.policy.control.RuleValidator;
import dev.mandate.policy.control.ValidRule;
import dev.mandate.policy.entity.PolicyRule;
import dev.mandate.policy.entity.PolicySet;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a tenant's active rules. Rules are compiled once per (tenant, policy version) and cached;
 * the current version is read from the database on every evaluation (one primary-key read), so a
 * rule change made on any server applies to the very next decision everywhere.
 */
@Stateless
public class PolicyEvaluator {

    static final String DRAFT = "+draft";
    private static final int CONSISTENT_READ_ATTEMPTS = 5;

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @Inject
    PolicyCache cache;

    public PolicyOutcome evaluate(String tenant, PolicyInput input) {
        return active(tenant).evaluate(input);
    }

    /** The active set plus the draft (replacing the rule of the same id), per input; nothing is stored. */
    public List<PolicyOutcome> whatIf(String tenant, RuleDraft draft, List<PolicyInput> inputs) {
        return compare(tenant, draft, inputs).stream()
                .map(Comparison::withDraft)
                .toList();
    }

    /** One input's outcome under the active rules and under the active rules with the draft. */
    public record Comparison(PolicyOutcome withoutDraft, PolicyOutcome withDraft) {

        /** The effect, or which rules fired with which effect and approver, differs (versions and reasons aside). */
        public boolean changed() {
            return withoutDraft.effect() != withDraft.effect()
                    || !decisive(withoutDraft).equals(decisive(withDraft));
        }

        private static List<String> decisive(PolicyOutcome outcome) {
            return outcome.fired().stream()
                    .map(f -> f.ruleId() + "|" + f.effect() + "|" + f.approverRole())
                    .toList();
        }
    }

    public List<Comparison> compare(String tenant, RuleDraft draft, List<PolicyInput> inputs) {
        ValidRule rule = RuleValidator.validate(draft, null);
        CompiledPolicySet active = active(tenant);
        String version = active.policyVersion() + DRAFT;
        CompiledPolicySet withDraft = rule.enabled()
                ? active.with(CompiledRule.of(rule, 0), version)
                : new CompiledPolicySet(
                        version,
                        active.rules().stream()
                                .filter(r -> !r.ruleId().equals(rule.ruleId()))
                                .toList());
        List<Comparison> comparisons = new ArrayList<>(inputs.size());
        for (PolicyInput input : inputs) {
            comparisons.add(new Comparison(active.evaluate(input), withDraft.evaluate(input)));
        }
        return comparisons;
    }

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
                        key, rules.stream().map(PolicyRules::compiled).toList());
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
}
