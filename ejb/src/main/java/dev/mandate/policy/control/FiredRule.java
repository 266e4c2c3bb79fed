package dev.mandate.policy.control;

import dev.mandate.policy.entity.PolicyEffect;

/** A rule whose expression was true for the input (or failed to evaluate: then DENY, reason "RULE_ERROR: ..."). */
public record FiredRule(String ruleId, int ruleVersion, PolicyEffect effect, String approverRole, String reason) {}
