package dev.mandate.jobs.retention.boundary;

import dev.mandate.jobs.retention.control.RetentionAges;
import dev.mandate.jobs.retention.control.RetentionPurges;
import dev.mandate.platform.config.ConfigKey;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Reads the ids of the tenant's audit records whose summaries are to go, in id order; none when no age is
 * configured or given. The checkpoint is the last id read: a restart reads on after it.
 */
@Dependent
@Named("auditSummaryReader")
public class AuditSummaryReader extends AbstractItemReader {

    static final int PAGE = 500;

    @Inject
    JobContext job;

    @Inject
    RetentionPurges purges;

    private final Deque<String> page = new ArrayDeque<>();
    private String tenant;
    private Optional<Instant> before;
    private String lastId;
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) {
        tenant = RetentionJob.tenant(job);
        before = RetentionAges.auditSummariesBefore(
                Instant.now(),
                RetentionJob.auditSummaryDays(job),
                ConfigKey.RETENTION_AUDIT_SUMMARY_DAYS.lookup(String.class));
        lastId = (String) checkpoint;
        exhausted = before.isEmpty();
    }

    @Override
    public Object readItem() {
        if (page.isEmpty() && !exhausted) {
            page.addAll(purges.redactable(tenant, before.orElseThrow(), lastId, PAGE));
            exhausted = page.size() < PAGE;
        }
        String next = page.poll();
        if (next != null) {
            lastId = next;
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastId;
    }
}
