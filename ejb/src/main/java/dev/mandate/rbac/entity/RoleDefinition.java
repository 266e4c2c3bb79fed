package dev.mandate.rbac.entity;

import java.util.Set;

/** The client-editable attributes of a role. */
public record RoleDefinition(String name, String description, boolean approver, Set<Permission> permissions) {}
