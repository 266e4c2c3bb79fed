package dev.mandate.rbac.entity;

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

/** A role held by one principal. */
@Entity
@Table(name = "rbac_role_assignment")
@NamedQuery(
        name = RoleAssignment.FOR_ROLE,
        query = "select a from RoleAssignment a where a.tenantId = :tenant and a.roleId = :role"
                + " order by a.principalType, a.principal")
@NamedQuery(
        name = RoleAssignment.FOR_PRINCIPAL,
        query = "select a from RoleAssignment a where a.tenantId = :tenant and a.principalType = :type"
                + " and a.principal = :principal")
@NamedQuery(
        name = RoleAssignment.SAME,
        query = "select a from RoleAssignment a where a.roleId = :role and a.principalType = :type"
                + " and a.principal = :principal")
public class RoleAssignment {
    public static final String FOR_ROLE = "RoleAssignment.forRole";
    public static final String FOR_PRINCIPAL = "RoleAssignment.forPrincipal";
    public static final String SAME = "RoleAssignment.same";

    @Id
    private String id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

    @Column(name = "role_id", nullable = false, updatable = false)
    private String roleId;

    @Enumerated(EnumType.STRING)
    @Column(name = "principal_type", nullable = false, updatable = false)
    private PrincipalType principalType;

    @Column(nullable = false, updatable = false)
    private String principal;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    protected RoleAssignment() {}

    public RoleAssignment(Role role, PrincipalType principalType, String principal, String actor) {
        this.id = UUID.randomUUID().toString();
        this.tenantId = role.tenantId();
        this.roleId = role.id();
        this.principalType = principalType;
        this.principal = principal;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        this.createdBy = actor;
    }

    public String id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public String roleId() {
        return roleId;
    }

    public PrincipalType principalType() {
        return principalType;
    }

    public String principal() {
        return principal;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }
}
