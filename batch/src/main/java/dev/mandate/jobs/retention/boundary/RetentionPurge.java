package dev.mandate.jobs.retention.boundary;

import dev.mandate.decision.control.RateWindows;
import dev.mandate.jobs.retention.control.RetentionAges;
import dev.mandate.jobs.retention.control.RetentionPurges;
import dev.mandate.platform.config.ConfigKey;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.function.IntSupplier;

/**
 * Deletes the tenant's idempotency keys older than {@code mandate.idempotency.keep-hours} (at least 24) and
 * its rate buckets no window reads any more, in statements of {@link RetentionPurges#BATCH} rows; reports how
 * many. Deleting twice does no harm: the housekeeping timer of every server deletes the same rows.
 */
@Dependent
@Named("retentionPurge")
public class RetentionPurge extends AbstractBatchlet {

    static final int MAX_BATCHES = 200;

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Inject
    RetentionPurges purges;

    @Override
    public String process() {
        String tenant = RetentionJob.tenant(job);
        Instant now = Instant.now();
        // checked before anything is deleted: a wrong age fails the run at once
        RetentionAges.auditSummariesBefore(
                now, RetentionJob.auditSummaryDays(job), ConfigKey.RETENTION_AUDIT_SUMMARY_DAYS.lookup(String.class));
        Instant keysBefore = RetentionAges.idempotencyKeysBefore(
                now, ConfigKey.IDEMPOTENCY_KEEP_HOURS.lookup(Long.class).orElse(48L));
        long keys = inBatches(() -> purges.idempotencyKeys(tenant, keysBefore));
        long buckets = inBatches(() -> purges.rateBuckets(tenant, now.getEpochSecond() - RateWindows.KEEP_SECONDS));
        LinkedHashMap<String, Long> figures = new LinkedHashMap<>();
        figures.put("idempotencyKeysDeleted", keys);
        figures.put("rateBucketsDeleted", buckets);
        step.setPersistentUserData(figures);
        return "DELETED";
    }

    private static long inBatches(IntSupplier deleteBatch) {
        long deleted = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            int now = deleteBatch.getAsInt();
            deleted += now;
            if (now < RetentionPurges.BATCH) {
                break;
            }
        }
        return deleted;
    }
}
