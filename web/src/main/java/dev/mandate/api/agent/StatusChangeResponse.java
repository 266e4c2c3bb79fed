package dev.mandate.api.agent;

import dev.mandate.agent.entity.AgentStatus;
import dev.mandate.agent.entity.AgentStatusChange;
import java.time.OffsetDateTime;

public record StatusChangeResponse(
        AgentStatus from, AgentStatus to, String reason, String changedBy, OffsetDateTime changedAt) {

    static StatusChangeResponse of(AgentStatusChange change) {
        return new StatusChangeResponse(
                change.fromStatus(), change.toStatus(), change.reason(), change.changedBy(), change.changedAt());
    }
}
