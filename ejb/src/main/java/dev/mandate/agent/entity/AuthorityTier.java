package dev.mandate.agent.entity;

/** How far an agent may act on its own, from least to most. */
public enum AuthorityTier {
    READ_ONLY,
    SUGGEST_ONLY,
    EXECUTE_WITH_APPROVAL,
    AUTONOMOUS
}
