package dev.mandate.jobs.census.boundary;

import jakarta.batch.runtime.context.JobContext;

/** The agent census job ({@code META-INF/batch-jobs/agent-census.xml}). */
final class CensusJob {

    private CensusJob() {}

    /** The tenant being counted: the job property the operator sets from the caller's tenant. */
    static String tenant(JobContext job) {
        String tenant = job.getProperties().getProperty("tenant");
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalStateException("the census of job execution " + job.getExecutionId() + " has no tenant");
        }
        return tenant;
    }
}
