package dev.mandate.agent.control;

import dev.mandate.agent.entity.AgentDeployment;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The changes of agents' current versions, as stored: the newest is the agent's current version. */
@ApplicationScoped
public class AgentDeploymentHistory {

    static final String COLUMNS =
            "agent_id, seq, version, previous_version, change_type, reason, changed_by, changed_at";

    @Inject
    Sql sql;

    public Optional<AgentDeployment> current(String tenant, String agentId) {
        return sql.first(
                "select " + COLUMNS + " from agent_deployment where agent_id = ? and tenant_id = ?"
                        + " order by seq desc limit 1",
                AgentDeploymentHistory::read,
                agentId,
                tenant);
    }

    /** Newest first. */
    public List<AgentDeployment> all(String tenant, String agentId, int limit) {
        return sql.list(
                "select " + COLUMNS + " from agent_deployment where agent_id = ? and tenant_id = ?"
                        + " order by seq desc limit ?",
                AgentDeploymentHistory::read,
                agentId,
                tenant,
                limit);
    }

    public void add(String tenant, AgentDeployment d) {
        sql.update(
                "insert into agent_deployment (tenant_id, " + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant,
                d.agentId(),
                d.seq(),
                d.version(),
                d.previousVersion(),
                d.change(),
                d.reason(),
                d.changedBy(),
                d.changedAt());
    }

    static AgentDeployment read(ResultSet row) throws SQLException {
        return new AgentDeployment(
                row.getString(1),
                row.getInt(2),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                row.getString(7),
                row.getObject(8, OffsetDateTime.class).toInstant());
    }
}
