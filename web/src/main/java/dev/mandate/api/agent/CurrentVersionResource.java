package dev.mandate.api.agent;

import dev.mandate.agent.boundary.AgentDeployments;
import dev.mandate.api.http.EntityTags;
import dev.mandate.api.security.AllowedRoles;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/agents/{id}/current-version")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Agents", description = "Agent identities: sponsor, default authority tier, lifecycle")
@AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR, BuiltInRole.APPROVER})
public class CurrentVersionResource {

    @Inject
    AgentDeployments deployments;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "The agent's current version and its changes, newest first; the ETag counts the changes")
    public Response get(@PathParam("id") String id) {
        return answer(id);
    }

    @PUT
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(
            summary = "Make a registered version current (If-Match required, \"0\" before the first); envelopes"
                    + " naming another version are refused from then on")
    public Response promote(
            @PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid CurrentVersionRequest request) {
        if (request == null) {
            throw new InvalidRequestException("body", "a version is required");
        }
        deployments.promote(caller, id, request.version, EntityTags.parseIfMatch(ifMatch), request.reason);
        return answer(id);
    }

    @POST
    @Path("rollback")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(
            summary = "Put back the version current before (or toVersion, one that was current); If-Match required;"
                    + " rolling back again rolls forward")
    public Response rollBack(
            @PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid VersionRollbackRequest request) {
        deployments.rollBack(
                caller,
                id,
                request == null ? null : request.toVersion,
                EntityTags.parseIfMatch(ifMatch),
                request == null ? null : request.reason);
        return answer(id);
    }

    private Response answer(String id) {
        AgentDeployments.Deployments d = deployments.of(caller, id);
        return Response.ok(CurrentVersionResponse.of(id, d))
                .tag(EntityTags.of(d.seq()))
                .build();
    }
}
