package dev.mandate.jobs.census.boundary;

import dev.mandate.agent.control.AgentRoster;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads the tenant's agents from the domain's {@link AgentRoster}, in id order. The checkpoint is the id
 * of the last agent read: a restart reads on after it.
 */
@Dependent
@Named("agentCensusReader")
public class AgentCensusReader extends AbstractItemReader {

    static final int PAGE = 100;

    @Inject
    JobContext job;

    @Inject
    AgentRoster roster;

    private final Deque<AgentRoster.Entry> page = new ArrayDeque<>();
    private String tenant;
    private String lastId;
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) {
        tenant = CensusJob.tenant(job);
        lastId = (String) checkpoint;
    }

    @Override
    public Object readItem() {
        if (page.isEmpty() && !exhausted) {
            page.addAll(roster.page(tenant, lastId, PAGE));
            exhausted = page.size() < PAGE;
        }
        AgentRoster.Entry next = page.poll();
        if (next != null) {
            lastId = next.agentId();
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastId;
    }
}
