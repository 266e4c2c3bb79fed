package dev.mandate.jobs.auditverification.boundary;

import jakarta.batch.runtime.context.JobContext;

/** The audit verification job ({@code META-INF/batch-jobs/audit-verification.xml}). */
final class AuditVerificationJob {

    private AuditVerificationJob() {}

    /** The tenant whose audit is verified: the job property the operator sets from the caller's tenant. */
    static String tenant(JobContext job) {
        String tenant = job.getProperties().getProperty("tenant");
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalStateException(
                    "the audit verification of job execution " + job.getExecutionId() + " has no tenant");
        }
        return tenant;
    }
}
