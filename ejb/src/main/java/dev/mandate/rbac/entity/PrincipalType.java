package dev.mandate.rbac.entity;

/** Who a role is assigned to: an agent (by its id) or a person (by their token subject). */
public enum PrincipalType {
    AGENT,
    PERSON
}
