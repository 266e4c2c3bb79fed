package dev.mandate.agent.entity;

/** The client-editable attributes of an agent; everything else is owned by Mandate. */
public record AgentProfile(
        String name,
        String description,
        String sponsor,
        AuthorityTier defaultTier,
        String externalId,
        String workflow) {}
