package dev.mandate.api.agent;

import dev.mandate.agent.boundary.Agents;
import dev.mandate.agent.entity.Agent;
import dev.mandate.agent.entity.AgentStatus;
import dev.mandate.api.http.EntityTags;
import dev.mandate.api.http.PageResponse;
import dev.mandate.api.http.Paging;
import dev.mandate.api.http.QueryParams;
import dev.mandate.api.rbac.RoleResponse;
import dev.mandate.api.security.AllowedRoles;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import dev.mandate.rbac.boundary.Roles;
import dev.mandate.rbac.entity.PrincipalType;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/agents")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Agents", description = "Agent identities: sponsor, default authority tier, lifecycle")
@AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR, BuiltInRole.APPROVER, BuiltInRole.AGENT})
public class AgentsResource {

    @Inject
    Agents agents;

    @Inject
    Roles roles;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "List the tenant's agents (an agent sees only itself)")
    public PageResponse<AgentResponse> list(
            @QueryParam("status") String status,
            @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        AgentStatus wanted = QueryParams.enumValue("status", status, AgentStatus.class);
        return PageResponse.of(
                agents.list(caller, wanted, Paging.of(offset, limit)).map(AgentResponse::of));
    }

    @POST
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Register an agent; it starts ACTIVE")
    public Response create(@Valid AgentRequest request, @Context UriInfo uri) {
        Agent agent = agents.create(caller, request.toProfile());
        return Response.created(uri.getAbsolutePathBuilder().path(agent.id()).build())
                .tag(EntityTags.of(agent.version()))
                .entity(AgentResponse.of(agent))
                .build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One agent; the ETag is its version")
    public Response get(@PathParam("id") String id) {
        return withTag(agents.get(caller, id));
    }

    @PUT
    @Path("{id}")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Replace an agent's profile (If-Match required)")
    public Response replace(
            @PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid AgentRequest request) {
        return withTag(agents.replace(caller, id, EntityTags.parseIfMatch(ifMatch), request.toProfile()));
    }

    @PATCH
    @Path("{id}")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(
            summary = "Set or remove an agent's sponsor (If-Match required); without a sponsor every envelope is"
                    + " denied (NO_SPONSOR)")
    public Response patch(
            @PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid SponsorRequest request) {
        if (!request.sponsorSent()) {
            throw new InvalidRequestException("sponsor", "is required (null removes the sponsor)");
        }
        return withTag(agents.setSponsor(caller, id, EntityTags.parseIfMatch(ifMatch), request.sponsor));
    }

    @PUT
    @Path("{id}/status")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Suspend or reactivate an agent (If-Match required); takes effect on its next request")
    public Response changeStatus(
            @PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid StatusChangeRequest request) {
        return withTag(
                agents.changeStatus(caller, id, EntityTags.parseIfMatch(ifMatch), request.status, request.reason));
    }

    @DELETE
    @Path("{id}")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Deprovision an agent (If-Match required): it can never act again; history is kept")
    public Response deprovision(
            @PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @QueryParam("reason") String reason) {
        agents.deprovision(
                caller, id, EntityTags.parseIfMatch(ifMatch), QueryParams.text("reason", reason, 500, "deprovisioned"));
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/status-history")
    @Operation(summary = "Every status change of an agent, oldest first")
    public List<StatusChangeResponse> statusHistory(@PathParam("id") String id) {
        return agents.statusHistory(caller, id).stream()
                .map(StatusChangeResponse::of)
                .toList();
    }

    @GET
    @Path("{id}/roles")
    @Operation(summary = "The RBAC roles an agent holds")
    public List<RoleResponse> roles(@PathParam("id") String id) {
        Agent agent = agents.get(caller, id);
        return roles.heldBy(caller, PrincipalType.AGENT, agent.id()).stream()
                .map(RoleResponse::of)
                .toList();
    }

    private static Response withTag(Agent agent) {
        return Response.ok(AgentResponse.of(agent))
                .tag(EntityTags.of(agent.version()))
                .build();
    }
}
