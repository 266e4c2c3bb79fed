package dev.mandate.api.agent;

import dev.mandate.agent.boundary.AgentDeployments;
import dev.mandate.agent.entity.AgentDeployment;
import java.time.Instant;
import java.util.List;

/** The agent's current version (null before the first promotion) and its latest changes, newest first. */
public record CurrentVersionResponse(String agentId, String version, int seq, List<Change> history) {

    public record Change(
            int seq,
            String version,
            String previousVersion,
            String change,
            String reason,
            String changedBy,
            Instant changedAt) {

        static Change of(AgentDeployment d) {
            return new Change(
                    d.seq(), d.version(), d.previousVersion(), d.change(), d.reason(), d.changedBy(), d.changedAt());
        }
    }

    static CurrentVersionResponse of(String agentId, AgentDeployments.Deployments d) {
        return new CurrentVersionResponse(
                agentId,
                d.current().map(AgentDeployment::version).orElse(null),
                d.seq(),
                d.history().stream().map(Change::of).toList());
    }
}
