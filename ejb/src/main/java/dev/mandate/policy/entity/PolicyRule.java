package dev.mandate.policy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The current version of a tenant's rule. {@code ruleVersion} counts the rule's versions (its ETag);
 * every version is also kept in {@link PolicyRuleVersion}. {@code params} is the template's params as
 * JSON; {@code expression} is the CEL the rule is evaluated as (generated for templates).
 */
@Entity
@Table(name = "policy_rule")
@NamedQuery(
        name = PolicyRule.BY_RULE_ID,
        query = "select r from PolicyRule r where r.tenantId = :tenant and r.ruleId = :ruleId")
@NamedQuery(name = PolicyRule.COUNT, query = "select count(r) from PolicyRule r where r.tenantId = :tenant")
@NamedQuery(
        name = PolicyRule.PAGE,
        query = "select r from PolicyRule r where r.tenantId = :tenant order by r.priority, r.ruleId")
@NamedQuery(
        name = PolicyRule.ENABLED,
        query =
                "select r from PolicyRule r where r.tenantId = :tenant and r.enabled = true order by r.priority, r.ruleId")
public class PolicyRule {
    public static final String BY_RULE_ID = "PolicyRule.byRuleId";
    public static final String COUNT = "PolicyRule.count";
    public static final String PAGE = "PolicyRule.page";
    public static final String ENABLED = "PolicyRule.enabled";

    @Id
    private String id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

    @Column(name = "rule_id", nullable = false, updatable = false)
    private String ruleId;

    @Column(name = "rule_version", nullable = false)
    private int ruleVersion;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private int priority;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RuleKind kind;

    @Column(nullable = false)
    private String params;

    @Column(nullable = false)
    private String expression;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private PolicyEffect effect;

    @Column(name = "approver_role")
    private String approverRole;

    @Column(nullable = false)
    private String reason;

    @Column(nullable = false)
    private boolean enabled;

    @Version
    @Column(name = "lock_version")
    private long lockVersion;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    protected PolicyRule() {}

    public PolicyRule(String tenantId, String ruleId, int ruleVersion, RuleContent content, String actor) {
        this.id = UUID.randomUUID().toString();
        this.tenantId = tenantId;
        this.ruleId = ruleId;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.createdBy = actor;
        apply(ruleVersion, content, actor);
    }

    public void apply(int newVersion, RuleContent content, String actor) {
        this.ruleVersion = newVersion;
        this.name = content.name();
        this.priority = content.priority();
        this.kind = content.kind();
        this.params = content.paramsJson();
        this.expression = content.expression();
        this.effect = content.effect();
        this.approverRole = content.approverRole();
        this.reason = content.reason();
        this.enabled = content.enabled();
        this.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.updatedBy = actor;
    }

    public RuleContent content() {
        return new RuleContent(name, priority, kind, params, expression, effect, approverRole, reason, enabled);
    }

    public String id() {
        return id;
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

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }
}
