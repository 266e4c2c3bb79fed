package dev.mandate.jobs.census.control;

import dev.mandate.agent.entity.AgentStatus;
import dev.mandate.jobs.census.entity.Census;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;

/**
 * The running counts of one census (a job instance) in {@code agent_census}. Called by the chunk's writer,
 * the counts commit with the chunk's checkpoint; only one execution of an instance runs at a time, so an
 * update that finds no row may insert it.
 */
@ApplicationScoped
public class CensusCounts {

    @Inject
    Sql sql;

    /** Adds a chunk's counts to the census of job instance {@code instanceId}. */
    public void add(long instanceId, String tenant, Census chunk) {
        for (AgentStatus status : AgentStatus.values()) {
            long agents = chunk.count(status);
            if (agents == 0) {
                continue;
            }
            int updated = sql.update(
                    "update agent_census set agents = agents + ? where job_instance_id = ? and status = ?",
                    agents,
                    instanceId,
                    status.name());
            if (updated == 0) {
                sql.update(
                        "insert into agent_census (job_instance_id, tenant_id, status, agents) values (?, ?, ?, ?)",
                        instanceId,
                        tenant,
                        status.name(),
                        agents);
            }
        }
    }

    /** What job instance {@code instanceId} has counted so far. */
    public Census of(long instanceId) {
        Map<AgentStatus, Long> agents = new EnumMap<>(AgentStatus.class);
        sql.list(
                        "select status, agents from agent_census where job_instance_id = ?",
                        row -> Map.entry(AgentStatus.valueOf(row.getString(1)), row.getLong(2)),
                        instanceId)
                .forEach(count -> agents.put(count.getKey(), count.getValue()));
        return new Census(agents);
    }
}
