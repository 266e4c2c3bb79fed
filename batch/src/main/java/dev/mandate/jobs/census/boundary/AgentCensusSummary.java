package dev.mandate.jobs.census.boundary;

import dev.mandate.agent.entity.AgentStatus;
import dev.mandate.jobs.census.control.CensusCounts;
import dev.mandate.jobs.census.entity.Census;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.LinkedHashMap;

/**
 * The census's last step: its counts become the job's exit status ({@code ACTIVE=20 SUSPENDED=3 ...}) and
 * the figures of the execution ({@code {"ACTIVE":20,"SUSPENDED":3,...,"agents":24}}).
 */
@Dependent
@Named("agentCensusSummary")
public class AgentCensusSummary extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Inject
    CensusCounts counts;

    @Override
    public String process() {
        Census census = counts.of(job.getInstanceId());
        LinkedHashMap<String, Long> figures = new LinkedHashMap<>();
        for (AgentStatus status : AgentStatus.values()) {
            figures.put(status.name(), census.count(status));
        }
        figures.put("agents", census.total());
        step.setPersistentUserData(figures);
        String summary = census.summary();
        job.setExitStatus(summary);
        return summary;
    }
}
