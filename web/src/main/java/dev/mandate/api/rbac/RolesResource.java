package dev.mandate.api.rbac;

import dev.mandate.api.http.EntityTags;
import dev.mandate.api.http.PageResponse;
import dev.mandate.api.http.Paging;
import dev.mandate.api.security.AllowedRoles;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import dev.mandate.rbac.boundary.Roles;
import dev.mandate.rbac.entity.Role;
import dev.mandate.rbac.entity.RoleAssignment;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

@Path("/v1/roles")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Roles", description = "RBAC roles over tools and actions, approver roles, and who holds them")
@AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR, BuiltInRole.APPROVER})
public class RolesResource {

    @Inject
    Roles roles;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "List the tenant's roles")
    public PageResponse<RoleResponse> list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return PageResponse.of(roles.list(caller, Paging.of(offset, limit)).map(RoleResponse::of));
    }

    @POST
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Define a role")
    public Response create(@Valid RoleRequest request, @Context UriInfo uri) {
        Role role = roles.create(caller, request.toDefinition());
        return Response.created(uri.getAbsolutePathBuilder().path(role.id()).build())
                .tag(EntityTags.of(role.version()))
                .entity(RoleResponse.of(role))
                .build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One role; the ETag is its version")
    public Response get(@PathParam("id") String id) {
        return withTag(roles.get(caller, id));
    }

    @PUT
    @Path("{id}")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Replace a role's definition (If-Match required)")
    public Response replace(
            @PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid RoleRequest request) {
        return withTag(roles.replace(caller, id, EntityTags.parseIfMatch(ifMatch), request.toDefinition()));
    }

    @DELETE
    @Path("{id}")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Delete a role and its assignments (If-Match required)")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        roles.delete(caller, id, EntityTags.parseIfMatch(ifMatch));
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/assignments")
    @Operation(summary = "Who holds a role")
    public List<AssignmentResponse> assignments(@PathParam("id") String id) {
        return roles.assignments(caller, id).stream()
                .map(AssignmentResponse::of)
                .toList();
    }

    @POST
    @Path("{id}/assignments")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Give a role to an agent or a person")
    public Response assign(@PathParam("id") String id, @Valid AssignmentRequest request, @Context UriInfo uri) {
        RoleAssignment assignment = roles.assign(caller, id, request.principalType, request.principal);
        return Response.created(
                        uri.getAbsolutePathBuilder().path(assignment.id()).build())
                .entity(AssignmentResponse.of(assignment))
                .build();
    }

    @DELETE
    @Path("{id}/assignments/{assignmentId}")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Take a role away")
    public Response unassign(@PathParam("id") String id, @PathParam("assignmentId") String assignmentId) {
        roles.unassign(caller, id, assignmentId);
        return Response.noContent().build();
    }

    private static Response withTag(Role role) {
        return Response.ok(RoleResponse.of(role))
                .tag(EntityTags.of(role.version()))
                .build();
    }
}
