package dev.mandate.agent.entity;

/** Lifecycle of an agent identity. Only ACTIVE agents may call Mandate. */
public enum AgentStatus {
    ACTIVE,
    SUSPENDED,
    /** Terminal: the identity is gone, its history and audit stay. */
    DEPROVISIONED
}
