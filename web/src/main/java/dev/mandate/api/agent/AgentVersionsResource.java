package dev.mandate.api.agent;

import dev.mandate.agent.boundary.AgentVersions;
import dev.mandate.agent.entity.AgentVersion;
import dev.mandate.api.http.PageResponse;
import dev.mandate.api.http.Paging;
import dev.mandate.api.security.AllowedRoles;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/agents/{id}/versions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Agents", description = "Agent identities: sponsor, default authority tier, lifecycle")
@AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR, BuiltInRole.APPROVER})
public class AgentVersionsResource {

    @Inject
    AgentVersions versions;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "The agent's versions, oldest first")
    public PageResponse<AgentVersionResponse> list(
            @PathParam("id") String id, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return PageResponse.of(
                versions.list(caller, id, Paging.of(offset, limit)).map(AgentVersionResponse::of));
    }

    @POST
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Register a version of the agent (model, prompt, code, eval endpoint); 409 if it exists")
    public Response create(@PathParam("id") String id, @Valid AgentVersionRequest request, @Context UriInfo uri) {
        if (request == null) {
            throw new InvalidRequestException("body", "a version is required");
        }
        AgentVersion created = versions.create(caller, request.toVersion(id));
        return Response.created(
                        uri.getAbsolutePathBuilder().path(created.version()).build())
                .entity(AgentVersionResponse.of(created))
                .build();
    }

    @GET
    @Path("{version}")
    @Operation(summary = "One version of the agent")
    public AgentVersionResponse get(@PathParam("id") String id, @PathParam("version") String version) {
        return AgentVersionResponse.of(versions.get(caller, id, version));
    }
}
