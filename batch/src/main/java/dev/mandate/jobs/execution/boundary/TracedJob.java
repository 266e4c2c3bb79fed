package dev.mandate.jobs.execution.boundary;

import dev.mandate.platform.tracing.SpanAttributes;
import dev.mandate.platform.tracing.Step;
import dev.mandate.platform.tracing.Tracing;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * A job execution as one trace ({@code mandate.job <name>}); its steps ({@link TracedStep}) are its
 * children, on the same batch thread. Listed first among each job's listeners.
 */
@Dependent
@Named("tracedJob")
public class TracedJob extends AbstractJobListener {

    @Inject
    JobContext job;

    @Inject
    Tracing tracing;

    private Step step = Step.OFF;

    @Override
    public void beforeJob() {
        if (!tracing.on()) {
            return;
        }
        step = tracing.start("mandate.job " + job.getJobName())
                .set(SpanAttributes.JOB_NAME, job.getJobName())
                .set(SpanAttributes.JOB_EXECUTION_ID, job.getExecutionId());
        String tenant = job.getProperties().getProperty("tenant");
        if (tenant != null && !tenant.isEmpty()) {
            step.set(SpanAttributes.TENANT, tenant);
        }
    }

    @Override
    public void afterJob() {
        step.set(SpanAttributes.OUTCOME, String.valueOf(job.getBatchStatus()));
        if (job.getBatchStatus() == jakarta.batch.runtime.BatchStatus.FAILED) {
            step.failed("FAILED");
        }
        step.close();
        step = Step.OFF;
    }
}
