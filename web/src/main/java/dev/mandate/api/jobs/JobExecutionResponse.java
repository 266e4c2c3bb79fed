package dev.mandate.api.jobs;

import dev.mandate.jobs.execution.entity.JobRun;
import dev.mandate.jobs.execution.entity.StepRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A job execution: {@code batchStatus} is the runtime's (STARTING ... COMPLETED, STOPPED, FAILED). */
public record JobExecutionResponse(
        long id,
        long instanceId,
        String jobName,
        String batchStatus,
        String exitStatus,
        String createTime,
        String startTime,
        String endTime,
        List<Step> steps) {

    /** One step with the runtime's counts ({@code readCount}, {@code commitCount}, ...). */
    public record Step(
            String name,
            String batchStatus,
            String exitStatus,
            String startTime,
            String endTime,
            Map<String, Long> metrics) {

        static Step of(StepRun step) {
            return new Step(
                    step.name(),
                    step.batchStatus(),
                    step.exitStatus(),
                    text(step.startTime()),
                    text(step.endTime()),
                    step.metrics());
        }
    }

    static JobExecutionResponse of(JobRun run) {
        return new JobExecutionResponse(
                run.id(),
                run.instanceId(),
                run.jobName(),
                run.batchStatus(),
                run.exitStatus(),
                text(run.createTime()),
                text(run.startTime()),
                text(run.endTime()),
                run.steps().stream().map(Step::of).toList());
    }

    private static String text(Instant time) {
        return time == null ? null : time.toString();
    }
}
