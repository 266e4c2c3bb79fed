package dev.mandate.jobs.eval.boundary;

import dev.mandate.jobs.eval.control.EvalStore;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Set;

/** Marks the run FAILED when its execution fails or stops; a restart that completes makes it COMPLETED. */
@Dependent
@Named("evalRunListener")
public class EvalRunListener extends AbstractJobListener {

    @Inject
    JobContext job;

    @Inject
    EvalStore store;

    /** A stopped execution is still STOPPING when its listeners run. */
    private static final Set<BatchStatus> UNFINISHED =
            Set.of(BatchStatus.FAILED, BatchStatus.STOPPING, BatchStatus.STOPPED);

    @Override
    public void afterJob() {
        if (UNFINISHED.contains(job.getBatchStatus())) {
            store.runOfJob(job.getInstanceId()).ifPresent(run -> store.failed(run.id()));
        }
    }
}
