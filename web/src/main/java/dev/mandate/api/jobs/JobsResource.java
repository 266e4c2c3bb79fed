package dev.mandate.api.jobs;

import dev.mandate.jobs.execution.boundary.JobExecutions;
import dev.mandate.jobs.execution.entity.JobRun;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Jobs",
        description = "The tenant's batch jobs (agent-census): start, watch, stop, restart from the last checkpoint")
@RolesAllowed(BuiltInRole.ADMIN)
public class JobsResource {

    @Inject
    JobExecutions executions;

    @Inject
    Caller caller;

    @Context
    UriInfo uri;

    @POST
    @Path("{jobName}/executions")
    @Operation(summary = "Start a job for the tenant; 202 with the new execution's Location (audited)")
    public Response start(@PathParam("jobName") String jobName) {
        return accepted(executions.start(caller, jobName));
    }

    @GET
    @Path("executions/{id}")
    @Operation(summary = "One execution: status, times, exit status, and its steps with their counts")
    public JobExecutionResponse get(@PathParam("id") String id) {
        return JobExecutionResponse.of(executions.get(caller, JobExecutionIds.parse(id)));
    }

    @POST
    @Path("executions/{id}/stop")
    @Operation(
            summary = "Ask a running execution to stop; it checkpoints what it has read, then ends STOPPED (audited);"
                    + " 409 when not running")
    public Response stop(@PathParam("id") String id) {
        return Response.accepted(JobExecutionResponse.of(executions.stop(caller, JobExecutionIds.parse(id))))
                .build();
    }

    @POST
    @Path("executions/{id}/restart")
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
