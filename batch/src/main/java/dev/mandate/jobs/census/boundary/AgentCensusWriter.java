package dev.mandate.jobs.census.boundary;

import dev.mandate.agent.control.AgentRoster;
import dev.mandate.jobs.census.control.CensusCounts;
import dev.mandate.jobs.census.entity.Census;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Adds each chunk's agents, counted by status, to the census; in the chunk's transaction. */
@Dependent
@Named("agentCensusWriter")
public class AgentCensusWriter extends AbstractItemWriter {

    @Inject
    JobContext job;

    @Inject
    CensusCounts counts;

    @Override
    public void writeItems(List<Object> items) {
        List<AgentRoster.Entry> agents =
                items.stream().map(AgentRoster.Entry.class::cast).toList();
        counts.add(job.getInstanceId(), CensusJob.tenant(job), Census.of(agents));
    }
}
