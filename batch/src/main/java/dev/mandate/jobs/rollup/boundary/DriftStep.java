package dev.mandate.jobs.rollup.boundary;

import dev.mandate.jobs.rollup.entity.DriftFinding;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * The rollup's last step: drift from the rows just written. Its exit status, the job's, counts the days,
 * the rows and what drifted ({@code days=30 rows=12 skipped=0 drift=1/8}).
 */
@Dependent
@Named("driftStep")
public class DriftStep extends AbstractBatchlet {

    @Inject
    JobContext job;

    @EJB
    DriftReports reports;

    @EJB
    RollupSummaries summaries;

    @Override
    public String process() {
        String tenant = RollupJob.tenant(job);
        RollupJob.Days days = RollupJob.days(job);
        List<DriftFinding> findings = reports.compute(tenant, job.getExecutionId(), days.to());
        long flagged = findings.stream().filter(DriftFinding::flagged).count();
        String summary = summaries.of(tenant, days.from(), days.to(), job.getInstanceId()) + " drift=" + flagged + "/"
                + findings.size();
        job.setExitStatus(summary);
        return summary;
    }
}
