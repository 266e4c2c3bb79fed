package dev.mandate.killswitch.entity;

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
 * A switch that stops everything that could execute within its scope (read-only actions still pass).
 * One row per (tenant, scope, target), flipped on and off; who and why is kept on the row and audited.
 */
@Entity
@Table(name = "kill_switch")
@NamedQuery(
        name = KillSwitch.ACTIVE_IN,
        query = "select k from KillSwitch k where k.active = true"
                + " and (k.scope = dev.mandate.killswitch.entity.KillSwitchScope.GLOBAL or k.tenantId = :tenant)")
@NamedQuery(
        name = KillSwitch.SAME,
        query = "select k from KillSwitch k where k.tenantId = :tenant and k.scope = :scope and k.target = :target")
@NamedQuery(
        name = KillSwitch.VISIBLE,
        query = "select k from KillSwitch k where k.tenantId = :tenant"
                + " or k.scope = dev.mandate.killswitch.entity.KillSwitchScope.GLOBAL order by k.scope, k.target")
public class KillSwitch {
    public static final String ACTIVE_IN = "KillSwitch.activeIn";
    public static final String SAME = "KillSwitch.same";
    public static final String VISIBLE = "KillSwitch.visible";
    /** tenant column value of the global switch */
    public static final String ALL_TENANTS = "*";

    @Id
    private String id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private KillSwitchScope scope;

    @Column(nullable = false, updatable = false)
    private String target;

    @Column(nullable = false)
    private boolean active;

    @Column(nullable = false)
    private String reason;

    @Column(name = "changed_by", nullable = false)
    private String changedBy;

    @Column(name = "changed_at", nullable = false)
    private OffsetDateTime changedAt;

    @Version
    private long version;

    protected KillSwitch() {}

    public KillSwitch(String tenantId, KillSwitchScope scope, String target) {
        this.id = UUID.randomUUID().toString();
        this.tenantId = tenantId;
        this.scope = scope;
        this.target = target;
    }

    public void set(boolean active, String reason, String actor) {
        this.active = active;
        this.reason = reason;
        this.changedBy = actor;
        this.changedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** e.g. "AGENT 1234… (runaway loop, by alice)" */
    public String describe() {
        return scope + (scope == KillSwitchScope.GLOBAL || scope == KillSwitchScope.TENANT ? "" : " " + target) + " ("
                + reason + ", by " + changedBy + ")";
    }

    public KillSwitchScope scope() {
        return scope;
    }

    public String target() {
        return target;
    }

    public boolean active() {
        return active;
    }

    public String reason() {
        return reason;
    }

    public String changedBy() {
        return changedBy;
    }

    public OffsetDateTime changedAt() {
        return changedAt;
    }

    public long version() {
        return version;
    }
}
