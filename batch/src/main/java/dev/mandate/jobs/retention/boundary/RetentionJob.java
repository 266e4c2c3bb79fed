package dev.mandate.jobs.retention.boundary;

import jakarta.batch.runtime.context.JobContext;

/** The retention job ({@code META-INF/batch-jobs/retention.xml}). */
final class RetentionJob {

    private RetentionJob() {}

    /** The tenant whose rows are retained: the job property the operator sets from the caller's tenant. */
    static String tenant(JobContext job) {
        String tenant = job.getProperties().getProperty("tenant");
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalStateException(
                    "the retention of job execution " + job.getExecutionId() + " has no tenant");
        }
        return tenant;
    }

    /** The run's {@code auditSummaryOlderThanDays}, if given. */
    static String auditSummaryDays(JobContext job) {
        return job.getProperties().getProperty("auditSummaryOlderThanDays");
    }
}
