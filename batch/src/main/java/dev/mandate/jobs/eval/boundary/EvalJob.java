package dev.mandate.jobs.eval.boundary;

import dev.mandate.jobs.eval.control.EvalStore;
import dev.mandate.jobs.eval.entity.EvalRun;
import jakarta.batch.runtime.context.JobContext;

/** What the steps of the eval jobs share: their tenant and the run of their job instance. */
final class EvalJob {

    private EvalJob() {}

    static String property(JobContext job, String name) {
        String value = job.getProperties().getProperty(name);
        return value == null || value.isBlank() ? null : value;
    }

    static String tenant(JobContext job) {
        String tenant = property(job, "tenant");
        if (tenant == null) {
            throw new IllegalStateException("job execution " + job.getExecutionId() + " has no tenant");
        }
        return tenant;
    }

    /** The run the preparation step attached to this job instance. */
    static EvalRun run(JobContext job, EvalStore store) {
        return store.runOfJob(job.getInstanceId())
                .orElseThrow(
                        () -> new IllegalStateException("job instance " + job.getInstanceId() + " has no eval run"));
    }
}
