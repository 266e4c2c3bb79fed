package dev.mandate.jobs.eval.boundary;

import dev.mandate.jobs.eval.control.EvalStore;
import dev.mandate.jobs.eval.entity.RunFigures;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The run's last step: its figures from the stored case results; they become the job's exit status. */
@Dependent
@Named("evalRunSummary")
public class EvalRunSummary extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    EvalStore store;

    @Override
    public String process() {
        RunFigures f = store.complete(EvalJob.run(job, store).id());
        String summary = "CASES=" + f.cases() + " SUCCEEDED=" + f.succeeded() + " ESCALATED=" + f.escalated()
                + " FAILED=" + f.failed();
        job.setExitStatus(summary);
        return summary;
    }
}
