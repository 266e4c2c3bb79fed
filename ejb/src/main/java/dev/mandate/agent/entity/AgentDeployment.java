package dev.mandate.agent.entity;

import java.time.Instant;

/**
 * One change of an agent's current version: {@code PROMOTED} (made current) or {@code ROLLED_BACK} (put back to
 * one that was current before). {@code seq} counts the agent's changes (its ETag); the newest is current.
 */
public record AgentDeployment(
        String agentId,
        int seq,
        String version,
        String previousVersion,
        String change,
        String reason,
        String changedBy,
        Instant changedAt) {}
