package dev.mandate.jobs.rollup.boundary;

import dev.mandate.jobs.rollup.control.DayRollups;
import dev.mandate.jobs.rollup.control.RollupSources;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;

/** Computes one day's rows from the shared schema (throws {@code RollupDayRejected} for a day that does not fit). */
@Dependent
@Named("rollupDayProcessor")
public class RollupDayProcessor implements ItemProcessor {

    @Inject
    JobContext job;

    @Inject
    RollupSources sources;

    @Override
    public Object processItem(Object item) {
        String tenant = RollupJob.tenant(job);
        LocalDate day = (LocalDate) item;
        return DayRollups.of(day, sources.tasksOf(tenant, day), sources.taskTypes(tenant), sources.baselines(tenant));
    }
}
