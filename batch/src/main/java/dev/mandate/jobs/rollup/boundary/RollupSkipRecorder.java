package dev.mandate.jobs.rollup.boundary;

import dev.mandate.jobs.rollup.control.RollupStore;
import dev.mandate.jobs.rollup.entity.RollupDayRejected;
import jakarta.batch.api.chunk.listener.SkipProcessListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Logger;

/** Records each day the rollup skipped, and why, in {@code cost_rollup_skip} (in the chunk's transaction). */
@Dependent
@Named("rollupSkipRecorder")
public class RollupSkipRecorder implements SkipProcessListener {

    private static final Logger LOG = Logger.getLogger(RollupSkipRecorder.class.getName());

    @Inject
    JobContext job;

    @Inject
    RollupStore store;

    @Override
    public void onSkipProcessItem(Object item, Exception failure) {
        // the job XML lets only RollupDayRejected be skipped
        RollupDayRejected rejected = (RollupDayRejected) failure;
        LOG.warning(() -> "cost rollup of execution " + job.getExecutionId() + " skipped " + rejected.day() + ": "
                + rejected.getMessage());
        store.skipped(RollupJob.tenant(job), job.getExecutionId(), rejected.day(), rejected.getMessage());
    }
}
