package dev.mandate.jobs.execution.boundary;

import dev.mandate.audit.boundary.AuditTrail;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.jobs.execution.control.TenantJobs;
import dev.mandate.jobs.execution.entity.JobRun;
import dev.mandate.jobs.execution.entity.StepRun;
import dev.mandate.platform.error.ConflictException;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.security.Caller;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.JobSecurityException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Starts, shows, stops and restarts the tenant's job executions; every start, stop and restart is
 * audited. Executions of other tenants, and of jobs that are not {@link TenantJobs}, are not found.
 *
 * <p>Outside a transaction: the job operator writes the job repository in Mandate's database, and a job
 * it starts runs on another thread at once, which must see what the start wrote. Each audit record is
 * then appended in a transaction of its own, after the operator succeeded.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobExecutions {

    private static final String KIND = "job execution";
    private static final Set<BatchStatus> RESTARTABLE = Set.of(BatchStatus.STOPPED, BatchStatus.FAILED);

    @EJB
    AuditTrail audit;

    public JobRun start(Caller caller, String jobName) {
        return start(caller, jobName, Map.of());
    }

    /** Starts a job with parameters of those it takes ({@link TenantJobs#allowedParameters}); 400 for others. */
    public JobRun start(Caller caller, String jobName, Map<String, String> parameters) {
        if (!TenantJobs.exists(jobName)) {
            throw new ResourceNotFoundException("job", jobName);
        }
        long id = operator().start(jobName, TenantJobs.parameters(jobName, caller.tenant(), parameters));
        Map<String, String> details = new LinkedHashMap<>(parameters);
        details.put("execution", Long.toString(id));
        audit(caller, "job.started", jobName, details);
        return get(caller, id);
    }

    public JobRun get(Caller caller, long id) {
        JobExecution execution = own(caller, id);
        return run(execution, operator().getStepExecutions(id));
    }

    /**
     * Asks a running execution to stop: the runtime notices at the next item it reads, commits what it read
     * with a checkpoint, and the execution ends STOPPED; it may then be restarted.
     */
    public JobRun stop(Caller caller, long id) {
        JobExecution execution = own(caller, id);
        try {
            operator().stop(id);
        } catch (JobExecutionNotRunningException e) {
            throw new ConflictException(KIND + " " + id + " is not running (" + status(id) + ")");
        }
        audit(caller, "job.stopped", execution.getJobName(), Map.of("execution", Long.toString(id)));
        return get(caller, id);
    }

    /**
     * Restarts a STOPPED or FAILED execution as a new execution of the same job instance, which goes on
     * from the last checkpoint; the same parameters (the tenant) are handed on.
     */
    public JobRun restart(Caller caller, long id) {
        JobExecution execution = own(caller, id);
        BatchStatus status = execution.getBatchStatus();
        if (!RESTARTABLE.contains(status)) {
            throw new ConflictException(KIND + " " + id + " is " + status + "; only STOPPED or FAILED ones restart");
        }
        long restarted;
        try {
            restarted = operator().restart(id, execution.getJobParameters());
        } catch (JobRestartException | JobExecutionAlreadyCompleteException | JobExecutionNotMostRecentException e) {
            // not the latest execution of its instance, or its status changed meanwhile
            throw new ConflictException(
                    KIND + " " + id + " cannot be restarted: " + e.getClass().getSimpleName());
        }
        audit(
                caller,
                "job.restarted",
                execution.getJobName(),
                Map.of("execution", Long.toString(restarted), "restartOf", Long.toString(id)));
        return get(caller, restarted);
    }

    private JobExecution own(Caller caller, long id) {
        JobExecution execution;
        try {
            execution = operator().getJobExecution(id);
        } catch (NoSuchJobExecutionException | JobSecurityException e) {
            throw new ResourceNotFoundException(KIND, Long.toString(id));
        }
        if (!TenantJobs.belongsTo(execution.getJobName(), execution.getJobParameters(), caller.tenant())) {
            throw new ResourceNotFoundException(KIND, Long.toString(id));
        }
        return execution;
    }

    private BatchStatus status(long id) {
        return operator().getJobExecution(id).getBatchStatus();
    }

    private void audit(Caller caller, String action, String jobName, Map<String, String> details) {
        Map<String, String> all = new LinkedHashMap<>(details);
        all.put("job", jobName);
        audit.append(AuditEntry.adminChange(caller, action, null, all));
    }

    private JobRun run(JobExecution execution, List<StepExecution> steps) {
        long id = execution.getExecutionId();
        return new JobRun(
                id,
                operator().getJobInstance(id).getInstanceId(),
                execution.getJobName(),
                execution.getBatchStatus().name(),
                execution.getExitStatus(),
                instant(execution.getCreateTime()),
                instant(execution.getStartTime()),
                instant(execution.getEndTime()),
                steps.stream().map(JobExecutions::step).toList());
    }

    private static StepRun step(StepExecution step) {
        Map<String, Long> metrics = new LinkedHashMap<>();
        for (Metric metric : step.getMetrics() == null ? new Metric[0] : step.getMetrics()) {
            metrics.put(camelCase(metric.getType()), metric.getValue());
        }
        return new StepRun(
                step.getStepName(),
                step.getBatchStatus().name(),
                step.getExitStatus(),
                instant(step.getStartTime()),
                instant(step.getEndTime()),
                metrics);
    }

    /** {@code READ_COUNT} as {@code readCount}. */
    static String camelCase(Metric.MetricType type) {
        String[] words = type.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
