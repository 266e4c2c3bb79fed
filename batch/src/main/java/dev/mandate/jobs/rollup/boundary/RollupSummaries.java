package dev.mandate.jobs.rollup.boundary;

import dev.mandate.platform.sql.Sql;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** What a rollup (a job instance, over all its executions) produced, as one line. */
@Stateless
public class RollupSummaries {

    @Inject
    Sql sql;

    public String of(String tenant, LocalDate from, LocalDate to, long instanceId) {
        long rows = sql.first(
                        "select count(*) from cost_rollup where tenant_id = ? and rollup_day >= ? and rollup_day <= ?",
                        row -> row.getLong(1),
                        tenant,
                        from,
                        to)
                .orElse(0L);
        long skipped = sql.first(
                        "select count(*) from cost_rollup_skip where tenant_id = ? and job_execution_id in"
                                + " (select jobexecid from executioninstancedata where jobinstanceid = ?)",
                        row -> row.getLong(1),
                        tenant,
                        instanceId)
                .orElse(0L);
        return "days=" + (ChronoUnit.DAYS.between(from, to) + 1) + " rows=" + rows + " skipped=" + skipped;
    }
}
