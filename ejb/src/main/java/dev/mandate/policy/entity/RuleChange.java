package dev.mandate.policy.entity;

/** What happened to a rule in one of its versions. */
public enum RuleChange {
    CREATED,
    UPDATED,
    DELETED
}
