package dev.mandate.policy.entity;

/** What one version of a rule says (params as their JSON text). */
public record RuleContent(
        String name,
        int priority,
        RuleKind kind,
        String paramsJson,
        String expression,
        PolicyEffect effect,
        String approverRole,
        String reason,
        boolean enabled) {}
