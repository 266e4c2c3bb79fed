package dev.mandate.jobs.rollup.boundary;

import dev.mandate.jobs.rollup.control.RollupSources;
import dev.mandate.jobs.rollup.entity.DayTasks;
import dev.mandate.jobs.rollup.entity.TaskGroup;
import dev.mandate.platform.config.ConfigKey;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the days to roll up, oldest first, each with its groups of tasks. The groups of up to
 * {@value #WINDOW_DAYS} days come from one statement (a pass over the tenant's rows), so a run of the
 * default 30 days reads the tables once. The checkpoint is the last day whose rows committed: a restart
 * goes on with the next day; a day cut short by a crash committed nothing and is rolled up again whole.
 */
@Dependent
@Named("rollupDayReader")
public class RollupDayReader extends AbstractItemReader {

    static final int WINDOW_DAYS = 31;

    @Inject
    JobContext job;

    @Inject
    RollupSources sources;

    private LocalDate next;
    private LocalDate last;
    private LocalDate loadedUntil;
    private Map<LocalDate, List<TaskGroup>> loaded = Map.of();

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
        if (loadedUntil == null || next.isAfter(loadedUntil)) {
            load(next, earliest(next.plusDays(WINDOW_DAYS - 1L), last));
        }
        LocalDate day = next;
        next = next.plusDays(1);
        return new DayTasks(day, loaded.getOrDefault(day, List.of()));
    }

    @Override
    public Serializable checkpointInfo() {
        return next.minusDays(1);
    }

    private void load(LocalDate from, LocalDate to) {
        Duration longest = Duration.ofSeconds(ConfigKey.ROLLUP_STATEMENT_TIMEOUT_SECONDS.get(Long.class));
        Map<LocalDate, List<TaskGroup>> byDay = new HashMap<>();
        for (TaskGroup group : sources.groupsOf(RollupJob.tenant(job), from, to, longest)) {
            byDay.computeIfAbsent(group.day(), d -> new ArrayList<>()).add(group);
        }
        loaded = byDay;
        loadedUntil = to;
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
