package dev.mandate.api.agent;

import dev.mandate.agent.entity.AgentVersion;
import java.time.Instant;

public record AgentVersionResponse(
        String agentId,
        String version,
        String model,
        String prompt,
        String codeRef,
        String evalEndpoint,
        String createdBy,
        Instant createdAt) {

    static AgentVersionResponse of(AgentVersion v) {
        return new AgentVersionResponse(
                v.agentId(),
                v.version(),
                v.model(),
                v.promptRef(),
                v.codeRef(),
                v.evalEndpoint(),
                v.createdBy(),
                v.createdAt());
    }
}
