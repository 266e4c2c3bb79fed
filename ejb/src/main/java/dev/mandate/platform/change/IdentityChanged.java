package dev.mandate.platform.change;

/**
 * One change to an identity (agent) or a role, raised by the Agents and Roles boundaries inside their
 * transaction: who did what to which resource, with a summary of before and after. The audit trail
 * observes it (synchronously, so the audit entry commits or rolls back with the change); the SCIM and
 * JSON APIs both write through these boundaries, so every change is raised in this one place.
 */
public record IdentityChanged(
        String tenant, String actor, String kind, String id, String action, String before, String after) {}
