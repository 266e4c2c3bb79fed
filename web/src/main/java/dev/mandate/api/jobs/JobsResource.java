package dev.mandate.api.jobs;

import dev.mandate.api.http.PageResponse;
import dev.mandate.api.http.Paging;
import dev.mandate.api.security.AllowedRoles;
import dev.mandate.jobs.execution.boundary.JobExecutions;
import dev.mandate.jobs.execution.control.TenantJobs;
import dev.mandate.jobs.execution.entity.JobRun;
import dev.mandate.jobs.schedule.boundary.JobScheduler;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Jobs",
        description = "The tenant's batch jobs: start with parameters, watch, stop, restart from the last checkpoint;"
                + " schedules and recent executions")
@AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR})
public class JobsResource {

    @Inject
    JobExecutions executions;

    @EJB
    JobScheduler scheduler;

    @Inject
    Caller caller;

    @Context
    UriInfo uri;

    @GET
    @Operation(
            summary = "The jobs with their parameters and schedules (next run), and the tenant's executions,"
                    + " newest first (offset, limit)")
    public JobsResponse list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        List<JobsResponse.Job> jobs = TenantJobs.names().stream()
                .map(name -> new JobsResponse.Job(
                        name,
                        List.copyOf(TenantJobs.parameterNames(name)),
                        scheduler.schedule(name).orElse(null),
                        scheduler.schedule(name).map(s -> scheduler.timezone()).orElse(null),
                        scheduler.nextRun(name).map(Object::toString).orElse(null)))
                .toList();
        return new JobsResponse(
                jobs,
                PageResponse.of(
                        executions.recent(caller, Paging.of(offset, limit)).map(JobsResponse.Execution::of)));
    }

    @POST
    @Path("{jobName}")
    @Consumes(MediaType.APPLICATION_JSON)
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(
            summary = "Start a job for the tenant, with optional string parameters the job declares"
                    + " ({\"parameters\":{..}}; another name is 422); 202 with the execution's Location (audited)")
    public Response start(@PathParam("jobName") String jobName, @Valid JobStartRequest request) {
        JobRun run = executions.start(caller, jobName, JobParameters.of(request));
        return Response.accepted(JobExecutionResponse.of(run))
                .location(uri.getBaseUriBuilder()
                        .path("v1/jobs/{jobName}/executions/{id}")
                        .build(run.jobName(), run.id()))
                .build();
    }

    @GET
    @Path("{jobName}/executions/{id}")
    @Operation(
            summary = "One execution of a job: its Jakarta Batch status, times, exit status, figures, and its steps"
                    + " with their counts")
    public JobExecutionResponse execution(@PathParam("jobName") String jobName, @PathParam("id") String id) {
        long executionId = JobExecutionIds.parse(id);
        JobRun run = executions.get(caller, executionId);
        if (!run.jobName().equals(jobName)) {
            throw new ResourceNotFoundException("job execution", id);
        }
        return JobExecutionResponse.of(run);
    }

    @POST
    @Path("{jobName}/executions")
    @Consumes(MediaType.APPLICATION_JSON)
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(
            summary = "Start a job (the earlier path of POST /api/v1/jobs/{jobName}); 202 with the new execution's"
                    + " Location under /api/v1/jobs/executions (audited)")
    public Response startByEarlierPath(@PathParam("jobName") String jobName, @Valid JobStartRequest request) {
        return accepted(executions.start(caller, jobName, JobParameters.of(request)));
    }

    @GET
    @Path("executions/{id}")
    @Operation(summary = "One execution: status, times, exit status, figures, and its steps with their counts")
    public JobExecutionResponse get(@PathParam("id") String id) {
        return JobExecutionResponse.of(executions.get(caller, JobExecutionIds.parse(id)));
    }

    @POST
    @Path("executions/{id}/stop")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(
            summary = "Ask a running execution to stop; it checkpoints what it has read, then ends STOPPED (audited);"
                    + " 409 when not running")
    public Response stop(@PathParam("id") String id) {
        return Response.accepted(JobExecutionResponse.of(executions.stop(caller, JobExecutionIds.parse(id))))
                .build();
    }

    @POST
    @Path("executions/{id}/restart")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(
            summary = "Restart a STOPPED or FAILED execution from its last checkpoint as a new execution (audited);"
                    + " 409 otherwise")
    public Response restart(@PathParam("id") String id) {
        return accepted(executions.restart(caller, JobExecutionIds.parse(id)));
    }

    private Response accepted(JobRun run) {
        return Response.accepted(JobExecutionResponse.of(run))
                .location(
                        uri.getBaseUriBuilder().path("v1/jobs/executions/{id}").build(run.id()))
                .build();
    }
}
