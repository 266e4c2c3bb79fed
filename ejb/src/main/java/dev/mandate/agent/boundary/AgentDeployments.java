package dev.mandate.agent.boundary;

import dev.mandate.agent.control.AgentDeploymentHistory;
import dev.mandate.agent.control.KnownAgentVersions;
import dev.mandate.agent.entity.AgentDeployment;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.configuration.control.ConfigurationChanges;
import dev.mandate.platform.error.ConflictException;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.VersionRequiredException;
import dev.mandate.platform.error.Violation;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.security.Versions;
import dev.mandate.platform.sql.Sql;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An agent's current version: promoted to a registered version, rolled back to the one current before (or an
 * earlier one that was current), and rolled forward again the same way. Every change is a new entry of the
 * agent's history and a configuration change, audited in its transaction; changes of one agent are serialised
 * on the agent's row and bound to the history the caller saw ({@code If-Match}: the sequence of the newest
 * change, 0 before the first), so of two concurrent rollbacks one applies and the other is refused (412).
 */
@Stateless
public class AgentDeployments {

    static final String KIND = "agent's current version";
    private static final int HISTORY = 50;

    @EJB
    Agents agents;

    @Inject
    AgentDeploymentHistory history;

    @Inject
    KnownAgentVersions versions;

    @Inject
    ConfigurationChanges configurationChanges;

    @Inject
    Sql sql;

    /** The current version (empty: none yet) and the latest changes, newest first. */
    public record Deployments(Optional<AgentDeployment> current, List<AgentDeployment> history) {

        public int seq() {
            return current.map(AgentDeployment::seq).orElse(0);
        }
    }

    public Deployments of(Caller caller, String agentId) {
        agents.get(caller, agentId);
        List<AgentDeployment> changes = history.all(caller.tenant(), agentId, HISTORY);
        return new Deployments(changes.stream().findFirst(), changes);
    }

    public AgentDeployment promote(Caller caller, String agentId, String version, Long expectedSeq, String reason) {
        Optional<AgentDeployment> current = locked(caller, agentId, expectedSeq);
        if (versions.find(caller.tenant(), agentId, version).isEmpty()) {
            throw unprocessable("version", "agent " + agentId + " has no version '" + version + "'");
        }
        if (current.isPresent() && current.get().version().equals(version)) {
            throw new ConflictException("'" + version + "' is already the agent's current version");
        }
        return change(caller, agentId, current, version, "PROMOTED", reason);
    }

    /**
     * @param toVersion a version that was current before; null: the one current before the current one
     */
    public AgentDeployment rollBack(Caller caller, String agentId, String toVersion, Long expectedSeq, String reason) {
        Optional<AgentDeployment> current = locked(caller, agentId, expectedSeq);
        if (current.isEmpty()) {
            throw new ConflictException("nothing to roll back to: the agent has no current version");
        }
        String target = toVersion;
        if (target == null) {
            target = current.get().previousVersion();
            if (target == null) {
                throw new ConflictException("nothing to roll back to: '"
                        + current.get().version() + "' is the first version the agent had");
            }
        } else if (target.equals(current.get().version())) {
            throw new ConflictException("'" + target + "' is the agent's current version already");
        } else if (!wasCurrent(caller, agentId, target)) {
            throw unprocessable(
                    "toVersion", "'" + target + "' was never the agent's current version; promote it instead");
        }
        return change(caller, agentId, current, target, "ROLLED_BACK", reason);
    }

    private boolean wasCurrent(Caller caller, String agentId, String version) {
        return sql.first(
                        "select 1 from agent_deployment where agent_id = ? and tenant_id = ? and version = ?"
                                + " fetch first 1 rows only",
                        row -> true,
                        agentId,
                        caller.tenant(),
                        version)
                .isPresent();
    }

    /** Locks the agent's row (404 for another tenant's), then checks the caller saw the newest change. */
    private Optional<AgentDeployment> locked(Caller caller, String agentId, Long expectedSeq) {
        agents.get(caller, agentId);
        if (expectedSeq == null) {
            throw new VersionRequiredException();
        }
        sql.first(
                "select id from agent where id = ? and tenant_id = ? for update",
                row -> true,
                agentId,
                caller.tenant());
        Optional<AgentDeployment> current = history.current(caller.tenant(), agentId);
        Versions.require(
                KIND, agentId, expectedSeq, current.map(AgentDeployment::seq).orElse(0));
        return current;
    }

    private AgentDeployment change(
            Caller caller,
            String agentId,
            Optional<AgentDeployment> current,
            String version,
            String change,
            String reason) {
        AgentDeployment next = new AgentDeployment(
                agentId,
                current.map(AgentDeployment::seq).orElse(0) + 1,
                version,
                current.map(AgentDeployment::version).orElse(null),
                change,
                reason,
                caller.subject(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        history.add(caller.tenant(), next);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("version", version);
        if (next.previousVersion() != null) {
            details.put("previousVersion", next.previousVersion());
        }
        details.put("seq", Integer.toString(next.seq()));
        if (reason != null) {
            details.put("reason", reason);
        }
        // a configuration change: envelopes naming another version are refused from now on
        configurationChanges.record(AuditEntry.adminChange(
                caller,
                "PROMOTED".equals(change) ? "agent.version-promoted" : "agent.version-rolled-back",
                agentId,
                details));
        return next;
    }

    private static InvalidRequestException unprocessable(String field, String message) {
        return new InvalidRequestException(
                ProblemType.UNPROCESSABLE, field + ": " + message, List.of(new Violation(field, message)));
    }
}
