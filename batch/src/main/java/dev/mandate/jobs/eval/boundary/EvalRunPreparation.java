package dev.mandate.jobs.eval.boundary;

import dev.mandate.jobs.eval.control.EvalRunPlans;
import dev.mandate.jobs.eval.control.EvalStore;
import dev.mandate.jobs.eval.entity.EvalRun;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The eval run's first step: attaches the run to this job instance. Started through the evals API the run
 * exists already (job parameter {@code run}); started as a job with the dataset and agent version as
 * parameters, the run is planned here (and the job fails where either does not exist).
 */
@Dependent
@Named("evalRunPreparation")
public class EvalRunPreparation extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    EvalStore store;

    @Inject
    EvalRunPlans plans;

    @Override
    public String process() {
        String tenant = EvalJob.tenant(job);
        String runId = EvalJob.property(job, "run");
        EvalRun run;
        if (runId != null) {
            run = store.run(tenant, runId).orElseThrow(() -> new IllegalStateException("no eval run " + runId));
            store.attach(run.id(), job.getInstanceId());
        } else {
            run = plans.plan(
                    tenant,
                    EvalJob.property(job, "dataset"),
                    EvalJob.property(job, "datasetVersion"),
                    EvalJob.property(job, "agentId"),
                    EvalJob.property(job, "agentVersion"),
                    "job:" + job.getJobName());
            store.insert(
                    tenant,
                    new EvalRun(
                            run.id(),
                            run.datasetVersionId(),
                            run.dataset(),
                            run.datasetVersion(),
                            run.agentId(),
                            run.agentVersion(),
                            job.getInstanceId(),
                            run.status(),
                            null,
                            null,
                            null,
                            run.createdBy(),
                            run.createdAt(),
                            null));
        }
        return run.id();
    }
}
