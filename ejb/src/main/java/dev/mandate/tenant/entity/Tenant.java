package dev.mandate.tenant.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A customer organisation. Every other row belongs to exactly one tenant. */
@Entity
@Table(name = "tenant")
public class Tenant {

    @Id
    private String id;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected Tenant() {}

    public Tenant(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }
}
