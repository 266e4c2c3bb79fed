package dev.mandate.api.rbac;

import dev.mandate.api.json.RequestBody;
import dev.mandate.rbac.entity.RoleDefinition;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.stream.Collectors;

public class RoleRequest implements RequestBody {

    @NotBlank(message = "is required")
    @Pattern(regexp = "[a-z0-9][a-z0-9_.-]{0,99}", message = "must be lowercase letters, digits and _ . - (max 100)")
    public String name;

    @Size(max = 1000, message = "must be at most 1000 characters")
    public String description;

    /** An approver role's permissions say what its holders may approve. Default false. */
    public Boolean approver;

    @NotNull(message = "is required (may be empty)")
    @Size(max = 200, message = "must list at most 200 permissions")
    public List<@Valid @NotNull(message = "must not be null") PermissionDto> permissions;

    RoleDefinition toDefinition() {
        return new RoleDefinition(
                name,
                description,
                Boolean.TRUE.equals(approver),
                permissions.stream().map(PermissionDto::toPermission).collect(Collectors.toSet()));
    }
}
