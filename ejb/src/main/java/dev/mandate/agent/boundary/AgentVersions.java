package dev.mandate.agent.boundary;

import dev.mandate.agent.control.KnownAgentVersions;
import dev.mandate.agent.entity.AgentVersion;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.configuration.control.ConfigurationChanges;
import dev.mandate.platform.error.ConflictException;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.paging.Page;
import dev.mandate.platform.paging.PageRequest;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.sql.Sql;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The versions of the tenant's agents: registered (audited) and listed; a version never changes. */
@Stateless
public class AgentVersions {

    @EJB
    Agents agents;

    @Inject
    ConfigurationChanges configurationChanges;

    @Inject
    KnownAgentVersions known;

    @Inject
    Sql sql;

    public AgentVersion create(Caller caller, AgentVersion wanted) {
        agents.get(caller, wanted.agentId());
        if (known.find(caller.tenant(), wanted.agentId(), wanted.version()).isPresent()) {
            throw new ConflictException(
                    "agent " + wanted.agentId() + " already has a version '" + wanted.version() + "'");
        }
        AgentVersion created = new AgentVersion(
                wanted.agentId(),
                wanted.version(),
                wanted.model(),
                wanted.promptRef(),
                wanted.codeRef(),
                wanted.evalEndpoint(),
                caller.subject(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        sql.update(
                "insert into agent_version (tenant_id, " + KnownAgentVersions.COLUMNS
                        + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                caller.tenant(),
                created.agentId(),
                created.version(),
                created.model(),
                created.promptRef(),
                created.codeRef(),
                created.evalEndpoint(),
                created.createdBy(),
                created.createdAt());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("version", created.version());
        details.put("model", created.model());
        if (created.evalEndpoint() != null) {
            details.put("evalEndpoint", created.evalEndpoint());
        }
        // a configuration change: envelopes naming this version are accepted from now on
        configurationChanges.record(
                AuditEntry.adminChange(caller, "agent.version-registered", created.agentId(), details));
        return created;
    }

    public AgentVersion get(Caller caller, String agentId, String version) {
        agents.get(caller, agentId);
        return known.find(caller.tenant(), agentId, version)
                .orElseThrow(() -> new ResourceNotFoundException("agent version", agentId + "/" + version));
    }

    public Page<AgentVersion> list(Caller caller, String agentId, PageRequest page) {
        agents.get(caller, agentId);
        List<AgentVersion> items = sql.list(
                "select " + KnownAgentVersions.COLUMNS + " from agent_version where tenant_id = ? and agent_id = ?"
                        + " order by created_at, version limit ? offset ?",
                KnownAgentVersions::read,
                caller.tenant(),
                agentId,
                page.limit(),
                page.offset());
        long total = sql.first(
                        "select count(*) from agent_version where tenant_id = ? and agent_id = ?",
                        row -> row.getLong(1),
                        caller.tenant(),
                        agentId)
                .orElse(0L);
        return new Page<>(items, page.offset(), page.limit(), total);
    }
}
