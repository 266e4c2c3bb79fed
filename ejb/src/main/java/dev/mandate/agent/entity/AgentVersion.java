package dev.mandate.agent.entity;

import java.time.Instant;

/**
 * One version of an agent: what produced its envelopes (model, prompt, code), and where an eval run may ask
 * it for its envelope for a case ({@code evalEndpoint}, optional). Immutable once registered.
 */
public record AgentVersion(
        String agentId,
        String version,
        String model,
        String promptRef,
        String codeRef,
        String evalEndpoint,
        String createdBy,
        Instant createdAt) {}
