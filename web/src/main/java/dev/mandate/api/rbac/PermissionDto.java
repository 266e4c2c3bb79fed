package dev.mandate.api.rbac;

import dev.mandate.rbac.entity.Permission;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** {@code {"tool": "erp", "action": "release_payment"}}; action {@code *} means every action of the tool. */
public class PermissionDto {

    @NotBlank(message = "is required")
    @Pattern(regexp = "[a-z0-9][a-z0-9_.-]{0,99}", message = "must be a tool key (lowercase, digits, _ . -)")
    public String tool;

    @NotBlank(message = "is required")
    @Pattern(regexp = "\\*|[a-z0-9][a-z0-9_.-]{0,99}", message = "must be an action key or *")
    public String action;

    public PermissionDto() {}

    PermissionDto(String tool, String action) {
        this.tool = tool;
        this.action = action;
    }

    Permission toPermission() {
        return new Permission(tool, action);
    }

    static PermissionDto of(Permission permission) {
        return new PermissionDto(permission.tool(), permission.action());
    }
}
