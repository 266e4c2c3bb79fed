package dev.mandate.jobs.retention.boundary;

import dev.mandate.jobs.retention.control.RetentionPurges;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes each record's summary and salt, keeping its digest, in the chunk's transaction with the checkpoint;
 * the count so far is the step's figure {@code auditSummariesRedacted}, kept across a restart.
 */
@Dependent
@Named("auditSummaryRedactor")
public class AuditSummaryRedactor extends AbstractItemWriter {

    static final String REDACTED = "auditSummariesRedacted";

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Inject
    RetentionPurges purges;

    @Override
    public void writeItems(List<Object> items) {
        String tenant = RetentionJob.tenant(job);
        Instant now = Instant.now();
        long redacted = 0;
        for (Object id : items) {
            redacted += purges.redact(tenant, (String) id, now);
        }
        LinkedHashMap<String, Long> figures = new LinkedHashMap<>();
        figures.put(REDACTED, soFar() + redacted);
        step.setPersistentUserData(figures);
    }

    private long soFar() {
        return step.getPersistentUserData() instanceof Map<?, ?> figures && figures.get(REDACTED) instanceof Long count
                ? count
                : 0;
    }
}
