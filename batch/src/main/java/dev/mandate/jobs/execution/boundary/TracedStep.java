package dev.mandate.jobs.execution.boundary;

import dev.mandate.platform.tracing.SpanAttributes;
import dev.mandate.platform.tracing.Step;
import dev.mandate.platform.tracing.Tracing;
import jakarta.batch.api.listener.AbstractStepListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** A job step as a span ({@code mandate.job.step <step>}), a child of its job's ({@link TracedJob}). */
@Dependent
@Named("tracedStep")
public class TracedStep extends AbstractStepListener {

    @Inject
    JobContext job;

    @Inject
    StepContext stepContext;

    @Inject
    Tracing tracing;

    private Step step = Step.OFF;

    @Override
    public void beforeStep() {
        if (!tracing.on()) {
            return;
        }
        step = tracing.start("mandate.job.step " + stepContext.getStepName())
                .set(SpanAttributes.JOB_NAME, job.getJobName())
                .set(SpanAttributes.JOB_STEP, stepContext.getStepName())
                .set(SpanAttributes.JOB_EXECUTION_ID, job.getExecutionId());
    }

    @Override
    public void afterStep() {
        step.set(SpanAttributes.OUTCOME, String.valueOf(stepContext.getBatchStatus()));
        if (stepContext.getBatchStatus() == BatchStatus.FAILED || stepContext.getException() != null) {
            step.failed(
                    stepContext.getException() != null
                            ? stepContext.getException().getClass().getSimpleName()
                            : "FAILED");
        }
        step.close();
        step = Step.OFF;
    }
}
