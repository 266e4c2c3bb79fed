package dev.mandate.agent.control;

import dev.mandate.agent.entity.AgentVersion;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.Violation;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The registered versions of agents, as the decision path and the evals read them: by primary key. */
@ApplicationScoped
public class KnownAgentVersions {

    public static final String COLUMNS =
            "agent_id, version, model, prompt_ref, code_ref, eval_endpoint, created_by, created_at";

    @Inject
    Sql sql;

    @Inject
    AgentDeploymentHistory deployments;

    public Optional<AgentVersion> find(String tenant, String agentId, String version) {
        return sql.first(
                "select " + COLUMNS + " from agent_version where agent_id = ? and version = ? and tenant_id = ?",
                KnownAgentVersions::read,
                agentId,
                version,
                tenant);
    }

    /**
     * The envelope's agent version must be one registered for its agent and, once the agent has a current
     * version (promoted or rolled back to), that one: else 422, naming the field.
     */
    public void require(String tenant, String agentId, String version) {
        if (find(tenant, agentId, version).isEmpty()) {
            throw unprocessable("agent " + agentId + " has no version '" + version + "'");
        }
        deployments
                .current(tenant, agentId)
                .filter(current -> !current.version().equals(version))
                .ifPresent(current -> {
                    throw unprocessable("'" + version + "' is not agent " + agentId + "'s current version ('"
                            + current.version() + "' since " + current.changedAt() + ")");
                });
    }

    private static InvalidRequestException unprocessable(String message) {
        return new InvalidRequestException(
                ProblemType.UNPROCESSABLE, "agentVersion: " + message, List.of(new Violation("agentVersion", message)));
    }

    public static AgentVersion read(ResultSet row) throws SQLException {
        return new AgentVersion(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                row.getString(7),
                row.getObject(8, OffsetDateTime.class).toInstant());
    }
}
