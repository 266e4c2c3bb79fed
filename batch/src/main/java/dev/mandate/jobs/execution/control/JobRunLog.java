package dev.mandate.jobs.execution.control;

import dev.mandate.jobs.execution.entity.JobRunSummary;
import dev.mandate.jobs.execution.entity.StartedBy;
import dev.mandate.platform.paging.Page;
import dev.mandate.platform.paging.PageRequest;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * {@code job_run}: for every execution Mandate starts, its tenant, what started it and the server running
 * it. The job repository's own tables hold the tenant only inside serialized parameters, and no server.
 */
@ApplicationScoped
public class JobRunLog {

    @Inject
    Sql sql;

    @Inject
    JobServer server;

    public void record(long executionId, String tenant, String jobName, StartedBy startedBy) {
        sql.update(
                "insert into job_run (execution_id, tenant_id, job_name, started_by, server_id, created_at)"
                        + " values (?, ?, ?, ?, ?, ?)",
                executionId,
                tenant,
                jobName,
                startedBy.name(),
                server.id(),
                Instant.now());
    }

    /** The tenant's executions, newest first, with their status as the job repository has it now. */
    public Page<JobRunSummary> recent(String tenant, PageRequest page) {
        long total = sql.first("select count(*) from job_run where tenant_id = ?", row -> row.getLong(1), tenant)
                .orElse(0L);
        List<JobRunSummary> items = sql.list(
                "select r.execution_id, r.job_name, r.started_by, e.batchstatus, e.exitstatus, e.createtime,"
                        + " e.endtime from job_run r join executioninstancedata e on e.jobexecid = r.execution_id"
                        + " where r.tenant_id = ? order by r.execution_id desc limit ? offset ?",
                row -> new JobRunSummary(
                        row.getLong(1),
                        row.getString(2),
                        StartedBy.valueOf(row.getString(3)),
                        row.getString(4),
                        row.getString(5),
                        instant(row.getTimestamp(6)),
                        instant(row.getTimestamp(7))),
                tenant,
                page.limit(),
                page.offset());
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    private static Instant instant(Timestamp time) {
        return time == null ? null : time.toInstant();
    }
}
