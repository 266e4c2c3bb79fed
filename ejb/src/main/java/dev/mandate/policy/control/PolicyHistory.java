package dev.mandate.policy.control;

import dev.mandate.policy.entity.PolicyRuleVersion;
import dev.mandate.policy.entity.RuleChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's policy as it stood at an earlier policy version, rebuilt from the rules' versions (kept forever):
 * for each rule its latest version written at or before that policy version, unless that version deleted it.
 */
@ApplicationScoped
public class PolicyHistory {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    /** The rules in force at {@code policyVersion}, by rule id (sorted), each as its version then. */
    public Map<String, PolicyRuleVersion> rulesAt(String tenant, long policyVersion) {
        List<PolicyRuleVersion> written = em.createQuery(
                        "select v from PolicyRuleVersion v where v.tenantId = :tenant and v.policyVersion <= :version"
                                + " order by v.ruleId, v.ruleVersion",
                        PolicyRuleVersion.class)
                .setParameter("tenant", tenant)
                .setParameter("version", policyVersion)
                .getResultList();
        Map<String, PolicyRuleVersion> latest = new LinkedHashMap<>();
        written.forEach(v -> latest.put(v.ruleId(), v));
        latest.values().removeIf(v -> v.change() == RuleChange.DELETED);
        return latest;
    }

    /** The version of each rule in force at {@code policyVersion} (what a decision at that version fired). */
    public Map<String, Integer> ruleVersionsAt(String tenant, long policyVersion) {
        Map<String, Integer> versions = new LinkedHashMap<>();
        rulesAt(tenant, policyVersion).forEach((ruleId, v) -> versions.put(ruleId, v.ruleVersion()));
        return versions;
    }
}
