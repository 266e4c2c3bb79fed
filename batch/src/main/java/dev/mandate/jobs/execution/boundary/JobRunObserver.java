package dev.mandate.jobs.execution.boundary;

import dev.mandate.eventlog.control.EventLog;
import dev.mandate.metrics.control.MandateMetrics;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Every job's run, counted by job and outcome ({@code mandate_job_runs_total}) and logged as one event. The
 * batch runtime calls job listeners before it sets the final status: a run that went through still reads
 * STARTED here (COMPLETED), a stopped one STOPPING (STOPPED). A run its server did not survive never gets
 * here; recovery marks it FAILED in the job repository ({@code JobRecovery}).
 */
@Dependent
@Named("jobRunObserver")
public class JobRunObserver extends AbstractJobListener {

    @Inject
    JobContext job;

    @Inject
    MandateMetrics metrics;

    @Inject
    EventLog events;

    private long started;

    @Override
    public void beforeJob() {
        started = System.nanoTime();
    }

    @Override
    public void afterJob() {
        String outcome = outcome(job.getBatchStatus());
        metrics.jobRun(job.getJobName(), outcome);
        if (events.enabled()) {
            events.event(
                            "job.run",
                            outcome.equals("COMPLETED") ? "INFO" : "WARN",
                            "job " + job.getJobName() + " " + outcome)
                    .with("tenant", job.getProperties().getProperty("tenant"))
                    .with("job", job.getJobName())
                    .with("execution_id", Long.toString(job.getExecutionId()))
                    .with("outcome", outcome)
                    .with("exit_status", job.getExitStatus())
                    .with("latency_ms", (System.nanoTime() - started) / 1_000_000)
                    .write();
        }
    }

    static String outcome(BatchStatus status) {
        return switch (status) {
            case STARTING, STARTED, COMPLETED -> "COMPLETED";
            case STOPPING, STOPPED -> "STOPPED";
            case FAILED, ABANDONED -> "FAILED";
        };
    }
}
