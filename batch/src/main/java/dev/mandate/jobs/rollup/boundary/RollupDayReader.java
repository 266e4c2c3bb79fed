package dev.mandate.jobs.rollup.boundary;

import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;

/**
 * Reads the days to roll up, oldest first. The checkpoint is the last day whose rows committed: a restart
 * goes on with the next day; a day cut short by a crash committed nothing and is rolled up again whole.
 */
@Dependent
@Named("rollupDayReader")
public class RollupDayReader extends AbstractItemReader {

    @Inject
    JobContext job;

    private LocalDate next;
    private LocalDate last;

    @Override
    public void open(Serializable checkpoint) {
        RollupJob.Days days = RollupJob.days(job);
        next = checkpoint == null ? days.from() : ((LocalDate) checkpoint).plusDays(1);
        last = days.to();
    }

    @Override
    public Object readItem() {
        if (next.isAfter(last)) {
            return null;
        }
        LocalDate day = next;
        next = next.plusDays(1);
        return day;
    }

    @Override
    public Serializable checkpointInfo() {
        return next.minusDays(1);
    }
}
