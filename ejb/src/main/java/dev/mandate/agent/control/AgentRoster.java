package dev.mandate.agent.control;

import dev.mandate.agent.entity.AgentStatus;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Every agent of a tenant with its status, in pages ordered by id, for jobs that walk a whole tenant: a
 * page starts after the last id of the one before, so a job that stopped resumes where it was (its
 * checkpoint is that id) and agents registered meanwhile are not skipped. Runs in the caller's transaction
 * when there is one.
 */
@ApplicationScoped
public class AgentRoster {

    /** One agent on the roster. */
    public record Entry(String agentId, AgentStatus status) {}

    @Inject
    Sql sql;

    /** Up to {@code limit} agents of the tenant with an id after {@code afterId} (null: from the first). */
    public List<Entry> page(String tenant, String afterId, int limit) {
        return sql.list(
                "select id, status from agent where tenant_id = ? and id > ? order by id fetch first ? rows only",
                row -> new Entry(row.getString(1), AgentStatus.valueOf(row.getString(2))),
                tenant,
                afterId == null ? "" : afterId,
                limit);
    }
}
