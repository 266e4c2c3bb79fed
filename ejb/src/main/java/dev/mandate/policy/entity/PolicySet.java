package dev.mandate.policy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A tenant's policy set: only its version, bumped by every rule change. That version is the "policy
 * version" every decision records, and the key under which compiled rules are cached.
 */
@Entity
@Table(name = "policy_set")
@NamedQuery(name = PolicySet.VERSION, query = "select s.version from PolicySet s where s.tenantId = :tenant")
public class PolicySet {
    public static final String VERSION = "PolicySet.version";

    @Id
    @Column(name = "tenant_id")
    private String tenantId;

    @Column(nullable = false)
    private long version;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    protected PolicySet() {}

    public PolicySet(String tenantId, String actor) {
        this.tenantId = tenantId;
        this.version = 0;
        this.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.updatedBy = actor;
    }

    /** Moves the set to its next version and returns it. */
    public long bump(String actor) {
        this.version++;
        this.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.updatedBy = actor;
        return version;
    }

    public String tenantId() {
        return tenantId;
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
