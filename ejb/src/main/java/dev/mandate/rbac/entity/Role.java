package dev.mandate.rbac.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant-defined RBAC role: a named set of permissions over tools and actions. An approver role's
 * permissions name what its holders may approve rather than execute.
 */
@Entity
@Table(name = "rbac_role")
@NamedQuery(name = Role.BY_NAME, query = "select r from Role r where r.tenantId = :tenant and r.nameLower = :name")
@NamedQuery(name = Role.COUNT, query = "select count(r) from Role r where r.tenantId = :tenant")
@NamedQuery(name = Role.PAGE, query = "select r from Role r where r.tenantId = :tenant order by r.name, r.id")
public class Role {
    public static final String BY_NAME = "Role.byName";
    public static final String COUNT = "Role.count";
    public static final String PAGE = "Role.page";

    @Id
    private String id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

    @Column(nullable = false)
    private String name;

    /** Maintained copy of {@code lower(name)}: role names are unique per tenant regardless of case. */
    @Column(name = "name_lower", nullable = false)
    private String nameLower;

    /** The identity provider's id of the group this role is provisioned from (SCIM), if any. */
    @Column(name = "external_id")
    private String externalId;

    private String description;

    @Column(nullable = false)
    private boolean approver;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "rbac_role_permission", joinColumns = @JoinColumn(name = "role_id"))
    private Set<Permission> permissions = new HashSet<>();

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

    protected Role() {}

    public Role(String tenantId, RoleDefinition definition, String actor) {
        this.id = UUID.randomUUID().toString();
        this.tenantId = tenantId;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.createdBy = actor;
        apply(definition, actor);
    }

    public void apply(RoleDefinition definition, String actor) {
        this.name = definition.name();
        this.nameLower = normalizedName(definition.name());
        this.description = definition.description();
        this.approver = definition.approver();
        this.permissions.clear();
        this.permissions.addAll(definition.permissions());
        this.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.updatedBy = actor;
    }

    public void externalId(String externalId, String actor) {
        this.externalId = externalId;
        touch(actor);
    }

    /** Records a change of who holds the role: a new version, so ETags of the role change too. */
    public void touch(String actor) {
        this.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.updatedBy = actor;
    }

    public static String normalizedName(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    public String externalId() {
        return externalId;
    }

    public RoleDefinition definition() {
        return new RoleDefinition(name, description, approver, Set.copyOf(permissions));
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

    public boolean approver() {
        return approver;
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
}
