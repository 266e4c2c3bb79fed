package dev.mandate.policy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** One version of a rule, kept forever: what it said, which policy version it made, who and when. */
@Entity
@Table(name = "policy_rule_version")
@NamedQuery(
        name = PolicyRuleVersion.OF_RULE,
        query = "select v from PolicyRuleVersion v where v.tenantId = :tenant and v.ruleId = :ruleId"
                + " order by v.ruleVersion")
@NamedQuery(
        name = PolicyRuleVersion.LATEST,
        query = "select max(v.ruleVersion) from PolicyRuleVersion v where v.tenantId = :tenant and v.ruleId = :ruleId")
public class PolicyRuleVersion {
    public static final String OF_RULE = "PolicyRuleVersion.ofRule";
    public static final String LATEST = "PolicyRuleVersion.latest";

    @Id
    private String id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

    @Column(name = "rule_id", nullable = false, updatable = false)
    private String ruleId;

    @Column(name = "rule_version", nullable = false, updatable = false)
    private int ruleVersion;

    @Enumerated(EnumType.STRING)
    @Column(name = "change_type", nullable = false, updatable = false)
    private RuleChange change;

    @Column(name = "policy_version", nullable = false, updatable = false)
    private long policyVersion;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(nullable = false, updatable = false)
    private int priority;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private dev.mandate.policy.entity.RuleKind kind;

    @Column(nullable = false, updatable = false)
    private String params;

    @Column(nullable = false, updatable = false)
    private String expression;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private dev.mandate.policy.entity.PolicyEffect effect;

    @Column(name = "approver_role", updatable = false)
    private String approverRole;

    @Column(nullable = false, updatable = false)
    private String reason;

    @Column(nullable = false, updatable = false)
    private boolean enabled;

    @Column(name = "changed_at", nullable = false, updatable = false)
    private OffsetDateTime changedAt;

    @Column(name = "changed_by", nullable = false, updatable = false)
    private String changedBy;

    protected PolicyRuleVersion() {}

    public PolicyRuleVersion(
            String tenantId,
            String ruleId,
            int ruleVersion,
            RuleChange change,
            long policyVersion,
            RuleContent content,
            String actor) {
        this.id = UUID.randomUUID().toString();
        this.tenantId = tenantId;
        this.ruleId = ruleId;
        this.ruleVersion = ruleVersion;
        this.change = change;
        this.policyVersion = policyVersion;
        this.name = content.name();
        this.priority = content.priority();
        this.kind = content.kind();
        this.params = content.paramsJson();
        this.expression = content.expression();
        this.effect = content.effect();
        this.approverRole = content.approverRole();
        this.reason = content.reason();
        this.enabled = content.enabled();
        this.changedAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.changedBy = actor;
    }

    public RuleContent content() {
        return new RuleContent(name, priority, kind, params, expression, effect, approverRole, reason, enabled);
    }

    public String tenantId() {
        return tenantId;
    }

    public String ruleId() {
        return ruleId;
    }

    public int ruleVersion() {
        return ruleVersion;
    }

    public RuleChange change() {
        return change;
    }

    public long policyVersion() {
        return policyVersion;
    }

    public OffsetDateTime changedAt() {
        return changedAt;
    }

    public String changedBy() {
        return changedBy;
    }
}
