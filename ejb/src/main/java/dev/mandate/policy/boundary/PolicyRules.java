package dev.mandate.policy.boundary;

import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.configuration.control.ConfigurationChanges;
import dev.mandate.platform.error.ConflictException;
import dev.mandate.platform.error.Flushes;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.error.StaleVersionException;
import dev.mandate.platform.paging.Page;
import dev.mandate.platform.paging.PageRequest;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.security.Versions;
import dev.mandate.policy.control.RuleDraft;
import dev.mandate.policy.control.RuleParams;
import dev.mandate.policy.control.RuleValidator;
import dev.mandate.policy.control.ValidRule;
import dev.mandate.policy.entity.PolicyRule;
import dev.mandate.policy.entity.PolicyRuleVersion;
import dev.mandate.policy.entity.PolicySet;
import dev.mandate.policy.entity.RuleChange;
import dev.mandate.policy.entity.RuleContent;
import dev.mandate.rbac.entity.Role;
import dev.mandate.tenant.boundary.Tenants;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Authoring of a tenant's policy rules. Every change writes a new version of the rule (kept forever)
 * and moves the tenant's policy set to its next version, in one transaction; changes of one tenant are
 * serialised on its policy-set row, so policy versions are gap-free and totally ordered.
 */
@Stateless
public class PolicyRules {

    static final String KIND = "policy rule";

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @Inject
    ConfigurationChanges changes;

    @EJB
    Tenants tenants;

    /** The tenant's policy set; a tenant without rules is at version 0. */
    public PolicySetView policySet(Caller caller) {
        PolicySet set = em.find(PolicySet.class, caller.tenant());
        long count = em.createNamedQuery(PolicyRule.COUNT, Long.class)
                .setParameter("tenant", caller.tenant())
                .getSingleResult();
        return set == null
                ? new PolicySetView(0, count, null, null)
                : new PolicySetView(set.version(), count, set.updatedAt(), set.updatedBy());
    }

    public record PolicySetView(long version, long rules, java.time.OffsetDateTime updatedAt, String updatedBy) {}

    public Page<PolicyRule> list(Caller caller, PageRequest page) {
        List<PolicyRule> items = em.createNamedQuery(PolicyRule.PAGE, PolicyRule.class)
                .setParameter("tenant", caller.tenant())
                .setFirstResult(page.offset())
                .setMaxResults(page.limit())
                .getResultList();
        long total = em.createNamedQuery(PolicyRule.COUNT, Long.class)
                .setParameter("tenant", caller.tenant())
                .getSingleResult();
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    public PolicyRule get(Caller caller, String ruleId) {
        return em
                .createNamedQuery(PolicyRule.BY_RULE_ID, PolicyRule.class)
                .setParameter("tenant", caller.tenant())
                .setParameter("ruleId", ruleId)
                .getResultList()
                .stream()
                .findFirst()
                .orElseThrow(() -> new ResourceNotFoundException(KIND, ruleId));
    }

    /** Every version of a rule, oldest first, also after it was deleted. */
    public List<PolicyRuleVersion> versions(Caller caller, String ruleId) {
        List<PolicyRuleVersion> versions = em.createNamedQuery(PolicyRuleVersion.OF_RULE, PolicyRuleVersion.class)
                .setParameter("tenant", caller.tenant())
                .setParameter("ruleId", ruleId)
                .getResultList();
        if (versions.isEmpty()) {
            throw new ResourceNotFoundException(KIND, ruleId);
        }
        return versions;
    }

    public PolicyRule create(Caller caller, RuleDraft draft) {
        ValidRule rule = RuleValidator.validate(draft, null);
        requireApproverRole(caller, rule);
        tenants.ensureRegistered(caller.tenant(), caller.tenant());
        PolicySet set = lockedSet(caller);
        if (!em.createNamedQuery(PolicyRule.BY_RULE_ID, PolicyRule.class)
                .setParameter("tenant", caller.tenant())
                .setParameter("ruleId", rule.ruleId())
                .getResultList()
                .isEmpty()) {
            throw new ConflictException("a rule with id '" + rule.ruleId() + "' already exists");
        }
        Integer deletedAt = em.createNamedQuery(PolicyRuleVersion.LATEST, Integer.class)
                .setParameter("tenant", caller.tenant())
                .setParameter("ruleId", rule.ruleId())
                .getSingleResult();
        int version = deletedAt == null ? 1 : deletedAt + 1;
        RuleContent content = content(rule);
        PolicyRule entity = new PolicyRule(caller.tenant(), rule.ruleId(), version, content, caller.subject());
        em.persist(entity);
        record(caller, set, rule.ruleId(), version, RuleChange.CREATED, content);
        flush(rule.ruleId());
        return entity;
    }

    public PolicyRule replace(Caller caller, String ruleId, Long expectedVersion, RuleDraft draft) {
        PolicyRule entity = get(caller, ruleId);
        Versions.require(KIND, ruleId, expectedVersion, entity.ruleVersion());
        ValidRule rule = RuleValidator.validate(draft, ruleId);
        requireApproverRole(caller, rule);
        PolicySet set = lockedSet(caller);
        em.refresh(entity);
        Versions.require(KIND, ruleId, expectedVersion, entity.ruleVersion());
        int version = entity.ruleVersion() + 1;
        RuleContent content = content(rule);
        entity.apply(version, content, caller.subject());
        record(caller, set, ruleId, version, RuleChange.UPDATED, content);
        flush(ruleId);
        return entity;
    }

    /** Removes the rule from the active set; its versions stay readable. */
    public void delete(Caller caller, String ruleId, Long expectedVersion) {
        PolicyRule entity = get(caller, ruleId);
        Versions.require(KIND, ruleId, expectedVersion, entity.ruleVersion());
        PolicySet set = lockedSet(caller);
        em.refresh(entity);
        Versions.require(KIND, ruleId, expectedVersion, entity.ruleVersion());
        record(caller, set, ruleId, entity.ruleVersion() + 1, RuleChange.DELETED, entity.content());
        em.remove(entity);
        flush(ruleId);
    }

    private void record(
            Caller caller, PolicySet set, String ruleId, int version, RuleChange change, RuleContent content) {
        long policyVersion = set.bump(caller.subject());
        PolicyRuleVersion entry = new PolicyRuleVersion(
                caller.tenant(), ruleId, version, change, policyVersion, content, caller.subject());
        em.persist(entry);
        auditAdminChange(caller, entry);
    }

    /**
     * Every admin change of a policy rule is audited here, inside the transaction that makes it: who,
     * which rule and version, what changed and the new policy version; change and record commit or roll
     * back together.
     */
    void auditAdminChange(Caller caller, PolicyRuleVersion entry) {
        changes.record(new AuditEntry(
                caller.tenant(),
                caller.subject(),
                null,
                null,
                null,
                "policy.rule." + entry.change().name().toLowerCase(Locale.ROOT),
                "OK",
                List.of(entry.ruleId()),
                null,
                String.valueOf(entry.policyVersion()),
                Map.of("ruleId", entry.ruleId(), "ruleVersion", String.valueOf(entry.ruleVersion()))));
    }

    private PolicySet lockedSet(Caller caller) {
        PolicySet set = em.find(PolicySet.class, caller.tenant(), LockModeType.PESSIMISTIC_WRITE);
        if (set == null) {
            set = new PolicySet(caller.tenant(), caller.subject());
            em.persist(set);
            Flushes.flush(
                    em, () -> new ConflictException("the tenant's first policy change raced with another; retry"));
        }
        return set;
    }

    private void requireApproverRole(Caller caller, ValidRule rule) {
        if (rule.approverRole() == null) {
            return;
        }
        boolean exists = em
                .createNamedQuery(Role.BY_NAME, Role.class)
                .setParameter("tenant", caller.tenant())
                .setParameter("name", rule.approverRole())
                .getResultList()
                .stream()
                .anyMatch(Role::approver);
        if (!exists) {
            throw new InvalidRequestException(
                    "approverRole", "no approver role named '" + rule.approverRole() + "' exists in this tenant");
        }
    }

    private static RuleContent content(ValidRule rule) {
        return new RuleContent(
                rule.name(),
                rule.priority(),
                rule.kind(),
                RuleParams.toJson(rule.params()),
                rule.expression(),
                rule.effect(),
                rule.approverRole(),
                rule.reason(),
                rule.enabled());
    }

    private void flush(String ruleId) {
        Flushes.flush(
                em,
                () -> new StaleVersionException(KIND, ruleId),
                () -> new ConflictException(
                        "a conflicting change of rule '" + ruleId + "' was written at the same time"));
    }
}
