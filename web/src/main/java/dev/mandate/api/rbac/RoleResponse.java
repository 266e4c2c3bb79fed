package dev.mandate.api.rbac;

import dev.mandate.rbac.entity.Role;
import dev.mandate.rbac.entity.RoleDefinition;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;

public record RoleResponse(
        String id,
        String name,
        String description,
        boolean approver,
        List<PermissionDto> permissions,
        long version,
        OffsetDateTime createdAt,
        String createdBy,
        OffsetDateTime updatedAt,
        String updatedBy) {

    public static RoleResponse of(Role role) {
        RoleDefinition d = role.definition();
        List<PermissionDto> permissions = d.permissions().stream()
                .map(PermissionDto::of)
                .sorted(Comparator.comparing((PermissionDto p) -> p.tool).thenComparing(p -> p.action))
                .toList();
        return new RoleResponse(
                role.id(),
                d.name(),
                d.description(),
                d.approver(),
                permissions,
                role.version(),
                role.createdAt(),
                role.createdBy(),
                role.updatedAt(),
                role.updatedBy());
    }
}
