package dev.mandate.jobs.rollup.boundary;

import dev.mandate.jobs.rollup.control.DayRollups;
import dev.mandate.jobs.rollup.control.RollupSources;
import dev.mandate.jobs.rollup.entity.DayTasks;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Computes one day's rows from its groups of tasks (throws {@code RollupDayRejected} for a day that does not fit). */
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
        DayTasks day = (DayTasks) item;
        return DayRollups.of(day.day(), day.groups(), sources.taskTypes(tenant), sources.baselines(tenant));
    }
}
