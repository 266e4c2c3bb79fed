package dev.mandate.api.agent;

import dev.mandate.agent.entity.Agent;
import dev.mandate.agent.entity.AgentProfile;
import dev.mandate.agent.entity.AgentStatus;
import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.agent.entity.ChangeSource;
import java.time.OffsetDateTime;

public record AgentResponse(
        String id,
        String name,
        String description,
        String sponsor,
        AgentStatus status,
        /* who made the current suspension: API (an administrator) or SCIM (the identity provider) */
        ChangeSource suspendedBy,
        AuthorityTier defaultTier,
        String externalId,
        String workflow,
        boolean shadowMode,
        long version,
        OffsetDateTime createdAt,
        String createdBy,
        OffsetDateTime updatedAt,
        String updatedBy) {

    static AgentResponse of(Agent agent) {
        AgentProfile p = agent.profile();
        return new AgentResponse(
                agent.id(),
                p.name(),
                p.description(),
                p.sponsor(),
                agent.status(),
                agent.suspendedBy().orElse(null),
                p.defaultTier(),
                p.externalId(),
                p.workflow(),
                agent.shadowMode(),
                agent.version(),
                agent.createdAt(),
                agent.createdBy(),
                agent.updatedAt(),
                agent.updatedBy());
    }
}
