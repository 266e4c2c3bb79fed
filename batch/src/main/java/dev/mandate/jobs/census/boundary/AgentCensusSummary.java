package dev.mandate.jobs.census.boundary;

import dev.mandate.jobs.census.control.CensusCounts;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The census's last step: its counts become the job's exit status ({@code ACTIVE=20 SUSPENDED=3 ...}). */
@Dependent
@Named("agentCensusSummary")
public class AgentCensusSummary extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    CensusCounts counts;

    @Override
    public String process() {
        String summary = counts.of(job.getInstanceId()).summary();
        job.setExitStatus(summary);
        return summary;
    }
}
