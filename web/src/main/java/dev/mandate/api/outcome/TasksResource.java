package dev.mandate.api.outcome;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.api.security.AllowedRoles;
import dev.mandate.outcome.boundary.TaskOutcomes;
import dev.mandate.outcome.entity.TaskOutcome;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tasks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Task outcomes", description = "How a task ended, reported once by the agent that worked it or a person")
public class TasksResource {

    /** As the envelope's task id (envelope.task_id). */
    private static final int MAX_TASK_ID = 200;

    @Inject
    TaskOutcomes outcomes;

    @Inject
    Caller caller;

    @Context
    UriInfo uri;

    @POST
    @Path("{taskId}/outcome")
    @AllowedRoles({BuiltInRole.AGENT, BuiltInRole.ADMIN, BuiltInRole.APPROVER})
    @Operation(
            summary = "Report how a task ended: 201 the first time, 200 for the same report again, 409 for a"
                    + " different one; 404 for a task without envelopes (audited)")
    public Response record(
            @PathParam("taskId") String taskId, @Valid @NotNull(message = "is required") OutcomeRequest request) {
        TaskOutcomes.Recorded recorded = outcomes.record(
                caller,
                taskId(taskId),
                request.agentId,
                request.outcome,
                request.timeToCompleteSeconds,
                request.humanReviewSeconds == null ? 0 : request.humanReviewSeconds);
        JsonObject body = json(recorded.outcome());
        if (!recorded.created()) {
            return Response.ok(body).build();
        }
        return Response.created(uri.getBaseUriBuilder()
                        .path("v1/tasks/{taskId}/outcome")
                        .queryParam("agentId", recorded.outcome().agentId())
                        .build(recorded.outcome().taskId()))
                .entity(body)
                .build();
    }

    @GET
    @Path("{taskId}/outcome")
    @AllowedRoles({BuiltInRole.AGENT, BuiltInRole.ADMIN, BuiltInRole.APPROVER, BuiltInRole.AUDITOR})
    @Operation(summary = "The reported outcome of an agent's task (agentId: required but for the agent itself)")
    public JsonObject get(@PathParam("taskId") String taskId, @QueryParam("agentId") String agentId) {
        if (agentId != null && agentId.length() > 36) {
            throw new InvalidRequestException("agentId", "must be 1 to 36 characters");
        }
        return json(outcomes.get(caller, taskId(taskId), agentId));
    }

    private static String taskId(String taskId) {
        if (taskId == null || taskId.isBlank() || taskId.length() > MAX_TASK_ID) {
            throw new InvalidRequestException("taskId", "must be 1 to " + MAX_TASK_ID + " characters");
        }
        return taskId;
    }

    static JsonObject json(TaskOutcome o) {
        return JSON.createObjectBuilder()
                .add("agentId", o.agentId())
                .add("taskId", o.taskId())
                .add("taskType", o.taskType())
                .add("outcome", o.outcome().name())
                .add("timeToCompleteSeconds", o.completeSeconds())
                .add("humanReviewSeconds", o.reviewSeconds())
                .add("recordedBy", o.recordedBy())
                .add("recordedAt", o.recordedAt().toInstant().toString())
                .build();
    }
}
