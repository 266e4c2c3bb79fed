package dev.mandate.budget.entity;

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

/** A spend cap for a tenant or an agent per day or week. */
@Entity
@Table(name = "budget")
@NamedQuery(
        name = Budget.APPLYING,
        query =
                "select b from Budget b where b.tenantId = :tenant and ((b.scope = dev.mandate.budget.entity.BudgetScope.TENANT"
                        + " and b.subject = :tenant) or (b.scope = dev.mandate.budget.entity.BudgetScope.AGENT and b.subject = :agent))"
                        + " order by b.scope, b.period")
@NamedQuery(
        name = Budget.SAME,
        query = "select b from Budget b where b.tenantId = :tenant and b.scope = :scope and b.subject = :subject"
                + " and b.period = :period")
@NamedQuery(
        name = Budget.ALL,
        query = "select b from Budget b where b.tenantId = :tenant order by b.scope, b.subject, b.period")
public class Budget {
    public static final String APPLYING = "Budget.applying";
    public static final String SAME = "Budget.same";
    public static final String ALL = "Budget.all";

    @Id
    private String id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private BudgetScope scope;

    @Column(nullable = false, updatable = false)
    private String subject;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private BudgetPeriod period;

    @Column(name = "max_cost", nullable = false)
    private BigDecimal maxCost;

    @Version
    private long version;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    protected Budget() {}

    public Budget(String tenantId, BudgetScope scope, String subject, BudgetPeriod period) {
        this.id = UUID.randomUUID().toString();
        this.tenantId = tenantId;
        this.scope = scope;
        this.subject = subject;
        this.period = period;
    }

    public void limitTo(BigDecimal maxCost, String actor) {
        this.maxCost = maxCost;
        this.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.updatedBy = actor;
    }

    /** What a decision reads of this budget. */
    public BudgetCap cap() {
        return new BudgetCap(id, label(), scope, subject, period, maxCost);
    }

    /** e.g. "AGENT DAY" */
    public String label() {
        return scope + " " + period;
    }

    public String id() {
        return id;
    }

    public BudgetScope scope() {
        return scope;
    }

    public String subject() {
        return subject;
    }

    public BudgetPeriod period() {
        return period;
    }

    public BigDecimal maxCost() {
        return maxCost;
    }

    public long version() {
        return version;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }
}
