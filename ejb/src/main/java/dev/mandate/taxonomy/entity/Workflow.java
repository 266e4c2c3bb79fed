package dev.mandate.taxonomy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** A business workflow (support-ticket triage, accounts payable) that groups task types. */
@Entity
@Table(name = "workflow")
@NamedQuery(name = Workflow.BY_KEY, query = "select w from Workflow w where w.tenantId = :tenant and w.key = :key")
@NamedQuery(name = Workflow.ALL, query = "select w from Workflow w where w.tenantId = :tenant order by w.key")
public class Workflow {
    public static final String BY_KEY = "Workflow.byKey";
    public static final String ALL = "Workflow.all";

    @Id
    private String id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

    @Column(name = "wf_key", nullable = false, updatable = false)
    private String key;

    @Column(nullable = false)
    private String name;

    private String description;

    @Version
    private long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    protected Workflow() {}

    public Workflow(String tenantId, String key, String name, String description, String actor) {
        this.id = UUID.randomUUID().toString();
        this.tenantId = tenantId;
        this.key = key;
        this.name = name;
        this.description = description;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.createdBy = actor;
    }

    public String id() {
        return id;
    }

    public String key() {
        return key;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public long version() {
        return version;
    }
}
