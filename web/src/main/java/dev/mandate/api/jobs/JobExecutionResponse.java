package dev.mandate.api.jobs;

import dev.mandate.jobs.execution.entity.JobRun;
import dev.mandate.jobs.execution.entity.StepRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job execution: {@code status} is the Jakarta Batch status (STARTING ... COMPLETED, STOPPED, FAILED;
 * {@code batchStatus} says the same, for clients written before), {@code figures} what its steps reported.
 */
public record JobExecutionResponse(
        long id,
        long instanceId,
        String jobName,
        String status,
        String batchStatus,
        String exitStatus,
        String createTime,
        String startTime,
        String endTime,
        Map<String, String> parameters,
        Map<String, Object> figures,
        List<Step> steps) {

    /** One step with the runtime's counts ({@code readCount}, {@code commitCount}, ...) and its figures. */
    public record Step(
            String name,
            String batchStatus,
            String exitStatus,
            String startTime,
            String endTime,
            Map<String, Long> metrics,
            Map<String, Object> figures) {

        static Step of(StepRun step) {
            return new Step(
                    step.name(),
                    step.batchStatus(),
                    step.exitStatus(),
                    text(step.startTime()),
                    text(step.endTime()),
                    step.metrics(),
                    step.figures());
        }
    }

    static JobExecutionResponse of(JobRun run) {
        return new JobExecutionResponse(
                run.id(),
                run.instanceId(),
                run.jobName(),
                run.batchStatus(),
                run.batchStatus(),
                run.exitStatus(),
                text(run.createTime()),
                text(run.startTime()),
                text(run.endTime()),
                run.parameters(),
                run.figures(),
                run.steps().stream().map(Step::of).toList());
    }

    static String text(Instant time) {
        return time == null ? null : time.toString();
    }
}
