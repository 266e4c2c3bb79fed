package dev.mandate.alert.entity;

import dev.mandate.platform.error.InvalidRequestException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** A tenant's alert rule, named by its administrators (unique per tenant); its version is its ETag. */
@Entity
@Table(name = "alert_rule")
@NamedQuery(name = AlertRule.BY_NAME, query = "select r from AlertRule r where r.tenantId = :tenant and r.name = :name")
@NamedQuery(name = AlertRule.PAGE, query = "select r from AlertRule r where r.tenantId = :tenant order by r.name")
@NamedQuery(name = AlertRule.COUNT, query = "select count(r) from AlertRule r where r.tenantId = :tenant")
public class AlertRule {
    public static final String BY_NAME = "AlertRule.byName";
    public static final String PAGE = "AlertRule.page";
    public static final String COUNT = "AlertRule.count";

    public static final String NAME_PATTERN = "[a-z0-9][a-z0-9_.-]{0,99}";

    @Id
    private String id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

    @Column(nullable = false, updatable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AlertMetric metric;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AlertScope scope;

    @Column(name = "scope_value")
    private String scopeValue;

    @Column(name = "window_seconds", nullable = false)
    private int windowSeconds;

    @Column(name = "baseline_windows", nullable = false)
    private int baselineWindows;

    @Column(nullable = false)
    private BigDecimal sensitivity;

    @Column(name = "min_count", nullable = false)
    private int minCount;

    private BigDecimal threshold;

    @Column(nullable = false)
    private boolean enabled;

    @Version
    private long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    /** Written by the evaluation with plain SQL, never through the entity. */
    @Column(name = "last_evaluated_at", insertable = false, updatable = false)
    private OffsetDateTime lastEvaluatedAt;

    protected AlertRule() {}

    public AlertRule(String tenantId, String name, String actor) {
        this.id = UUID.randomUUID().toString();
        this.tenantId = tenantId;
        this.name = name;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.createdBy = actor;
    }

    /** Refuses (400 naming {@code name}) what cannot be a rule's name. */
    public static void checkName(String name) {
        if (name == null || !name.matches(NAME_PATTERN)) {
            throw new InvalidRequestException(
                    "name",
                    "must be lowercase letters, digits and _ . - (at most 100, starting with a letter or digit)");
        }
    }

    /** Sets what the rule says; true when anything changed. */
    public boolean apply(AlertRuleSpec spec, String actor) {
        boolean changed = updatedAt == null || !spec.equals(spec());
        if (changed) {
            metric = spec.metric();
            scope = spec.scope();
            scopeValue = spec.scopeValue();
            windowSeconds = spec.windowSeconds();
            baselineWindows = spec.baselineWindows();
            sensitivity = spec.sensitivity();
            minCount = spec.minCount();
            threshold = spec.threshold();
            enabled = spec.enabled();
            updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            updatedBy = actor;
        }
        return changed;
    }

    public AlertRuleSpec spec() {
        return new AlertRuleSpec(
                metric,
                scope,
                scopeValue,
                windowSeconds,
                baselineWindows,
                sensitivity == null ? null : AlertRuleSpec.normal(sensitivity),
                minCount,
                threshold == null ? null : AlertRuleSpec.normal(threshold),
                enabled);
    }

    public String id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public String name() {
        return name;
    }

    public long version() {
        return version;
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

    public OffsetDateTime lastEvaluatedAt() {
        return lastEvaluatedAt;
    }
}
