package dev.mandate.api.jobs;

import dev.mandate.api.http.PageResponse;
import dev.mandate.jobs.execution.entity.JobRunSummary;
import java.util.List;

/** The tenant's jobs with their schedules, and a page of its executions, newest first. */
public record JobsResponse(List<Job> jobs, PageResponse<Execution> executions) {

    /** A job: the parameters it takes, and its schedule ({@code null} when it has none) with the next run. */
    public record Job(String name, List<String> parameters, String schedule, String timezone, String nextRun) {}

    /** One execution in the list; its full state is at {@code href}. */
    public record Execution(
            long id,
            String jobName,
            String startedBy,
            String status,
            String exitStatus,
            String createTime,
            String endTime,
            String href) {

        static Execution of(JobRunSummary run) {
            return new Execution(
                    run.id(),
                    run.jobName(),
                    run.startedBy().name(),
                    run.batchStatus(),
                    run.exitStatus(),
                    JobExecutionResponse.text(run.createTime()),
                    JobExecutionResponse.text(run.endTime()),
                    "/api/v1/jobs/" + run.jobName() + "/executions/" + run.id());
        }
    }
}
