package dev.mandate.api.rbac;

import dev.mandate.rbac.entity.PrincipalType;
import dev.mandate.rbac.entity.RoleAssignment;
import java.time.OffsetDateTime;

public record AssignmentResponse(
        String id,
        String roleId,
        PrincipalType principalType,
        String principal,
        OffsetDateTime createdAt,
        String createdBy) {

    static AssignmentResponse of(RoleAssignment a) {
        return new AssignmentResponse(
                a.id(), a.roleId(), a.principalType(), a.principal(), a.createdAt(), a.createdBy());
    }
}
