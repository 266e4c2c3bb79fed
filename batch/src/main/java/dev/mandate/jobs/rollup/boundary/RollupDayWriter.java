package dev.mandate.jobs.rollup.boundary;

import dev.mandate.jobs.rollup.control.RollupStore;
import dev.mandate.jobs.rollup.entity.DayRollup;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Replaces each day's rows, in the chunk's transaction: the rows and the checkpoint commit together. */
@Dependent
@Named("rollupDayWriter")
public class RollupDayWriter extends AbstractItemWriter {

    @Inject
    JobContext job;

    @Inject
    RollupStore store;

    @Override
    public void writeItems(List<Object> items) {
        String tenant = RollupJob.tenant(job);
        for (Object item : items) {
            store.replace(tenant, job.getExecutionId(), (DayRollup) item);
        }
    }
}
