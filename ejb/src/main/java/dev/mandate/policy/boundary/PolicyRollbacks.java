package dev.mandate.policy.boundary;

import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.configuration.control.ConfigurationChanges;
import dev.mandate.platform.error.ConflictException;
import dev.mandate.platform.error.Flushes;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.VersionRequiredException;
import dev.mandate.platform.error.Violation;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.security.Versions;
import dev.mandate.policy.control.PolicyHistory;
import dev.mandate.policy.entity.PolicyRule;
import dev.mandate.policy.entity.PolicyRuleVersion;
import dev.mandate.policy.entity.PolicySet;
import dev.mandate.policy.entity.RuleChange;
import dev.mandate.policy.entity.RuleContent;
import dev.mandate.rbac.entity.Role;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Puts a tenant's policy back as it stood at an earlier policy version. The rollback is itself a change: it
 * writes the next version of every rule that differs (created again, updated back, or deleted) and moves the
 * policy set to one new version that holds exactly the earlier version's rules, so it can be rolled forward
 * again the same way (to the version before the rollback). Serialised on the tenant's policy-set row and
 * bound to the version the caller saw ({@code If-Match}): of two rollbacks at once, one applies and the
 * other is refused with 412.
 */
@Stateless
public class PolicyRollbacks {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @Inject
    PolicyHistory history;

    @Inject
    ConfigurationChanges changes;

    /** One rule's change made by a rollback. */
    public record RuleRestored(String ruleId, RuleChange change, int ruleVersion) {}

    /** What a rollback did: from which policy version, to the content of which, as which new version. */
    public record RolledBack(long fromVersion, long toVersion, long policyVersion, List<RuleRestored> rules) {}

    /**
     * @param toVersion the policy version whose rules to restore; null: the one before the current
     * @param expectedVersion the current policy version the caller saw ({@code If-Match}), required
     */
    public RolledBack rollBack(Caller caller, Long toVersion, Long expectedVersion, String reason) {
        if (expectedVersion == null) {
            throw new VersionRequiredException();
        }
        PolicySet set = em.find(PolicySet.class, caller.tenant(), LockModeType.PESSIMISTIC_WRITE);
        long current = set == null ? 0 : set.version();
        Versions.require("policy set", caller.tenant(), expectedVersion, current);
        if (current == 0) {
            throw new ConflictException("nothing to roll back to: the tenant's policy has no earlier version");
        }
        long target = toVersion == null ? current - 1 : toVersion;
        if (target < 0 || target >= current) {
            throw unprocessable(
                    "toVersion",
                    "must be an earlier policy version, 0 to " + (current - 1) + " (the current version is " + current
                            + ")");
        }
        Map<String, PolicyRuleVersion> wanted = history.rulesAt(caller.tenant(), target);
        Map<String, PolicyRule> now = new LinkedHashMap<>();
        em.createNamedQuery(PolicyRule.PAGE, PolicyRule.class)
                .setParameter("tenant", caller.tenant())
                .getResultList()
                .forEach(rule -> now.put(rule.ruleId(), rule));
        TreeSet<String> ruleIds = new TreeSet<>(wanted.keySet());
        ruleIds.addAll(now.keySet());
        ruleIds.removeIf(id -> wanted.containsKey(id)
                && now.containsKey(id)
                && wanted.get(id).content().equals(now.get(id).content()));
        if (ruleIds.isEmpty()) {
            throw new ConflictException("nothing to roll back: policy version " + target
                    + " has the same rules as the current version " + current);
        }
        for (String ruleId : ruleIds) {
            if (wanted.containsKey(ruleId)) {
                requireApproverRole(caller, ruleId, target, wanted.get(ruleId).content());
            }
        }
        long policyVersion = set.bump(caller.subject());
        List<RuleRestored> restored = new ArrayList<>();
        for (String ruleId : ruleIds) {
            restored.add(restore(caller, ruleId, wanted.get(ruleId), now.get(ruleId), policyVersion));
        }
        Flushes.flush(
                em, () -> new ConflictException("a rule changed while the policy was rolled back; read it and retry"));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("fromVersion", Long.toString(current));
        details.put("toVersion", Long.toString(target));
        details.put("policyVersion", Long.toString(policyVersion));
        details.put(
                "rules",
                String.join(
                        ", ",
                        restored.stream()
                                .map(r -> r.ruleId() + " " + r.change() + " v" + r.ruleVersion())
                                .toList()));
        if (reason != null) {
            details.put("reason", reason);
        }
        changes.record(new AuditEntry(
                caller.tenant(),
                caller.subject(),
                null,
                null,
                null,
                "policy.rolled-back",
                "OK",
                restored.stream().map(RuleRestored::ruleId).toList(),
                null,
                Long.toString(policyVersion),
                details));
        return new RolledBack(current, target, policyVersion, restored);
    }

    private RuleRestored restore(
            Caller caller, String ruleId, PolicyRuleVersion wanted, PolicyRule present, long policyVersion) {
        Integer latest = em.createNamedQuery(PolicyRuleVersion.LATEST, Integer.class)
                .setParameter("tenant", caller.tenant())
                .setParameter("ruleId", ruleId)
                .getSingleResult();
        int version = (latest == null ? 0 : latest) + 1;
        RuleChange change;
        RuleContent content;
        if (wanted == null) {
            change = RuleChange.DELETED;
            content = present.content();
            em.remove(present);
        } else if (present == null) {
            change = RuleChange.CREATED;
            content = wanted.content();
            em.persist(new PolicyRule(caller.tenant(), ruleId, version, content, caller.subject()));
        } else {
            change = RuleChange.UPDATED;
            content = wanted.content();
            present.apply(version, content, caller.subject());
        }
        em.persist(new PolicyRuleVersion(
                caller.tenant(), ruleId, version, change, policyVersion, content, caller.subject()));
        return new RuleRestored(ruleId, change, version);
    }

    /** A rule restored must still name an approver role of the tenant: else nothing is rolled back. */
    private void requireApproverRole(Caller caller, String ruleId, long target, RuleContent content) {
        if (content.approverRole() == null) {
            return;
        }
        boolean exists = em
                .createNamedQuery(Role.BY_NAME, Role.class)
                .setParameter("tenant", caller.tenant())
                .setParameter("name", content.approverRole().toLowerCase(java.util.Locale.ROOT))
                .getResultList()
                .stream()
                .anyMatch(Role::approver);
        if (!exists) {
            throw unprocessable(
                    "toVersion",
                    "rule '" + ruleId + "' at policy version " + target + " names the approver role '"
                            + content.approverRole() + "', which no longer exists; nothing was rolled back");
        }
    }

    private static InvalidRequestException unprocessable(String field, String message) {
        return new InvalidRequestException(
                ProblemType.UNPROCESSABLE, field + ": " + message, List.of(new Violation(field, message)));
    }
}
