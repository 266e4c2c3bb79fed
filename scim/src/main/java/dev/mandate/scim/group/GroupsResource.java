package dev.mandate.scim.group;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mandate.platform.paging.Page;
import dev.mandate.platform.query.Criteria;
import dev.mandate.platform.query.Search;
import dev.mandate.platform.security.Caller;
import dev.mandate.rbac.entity.Role;
import dev.mandate.scim.ETags;
import dev.mandate.scim.api.ListQuery;
import dev.mandate.scim.api.Responses;
import dev.mandate.scim.filter.FilterTranslator;
import dev.mandate.scim.http.ScimJson;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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

/** {@code /Groups}: roles (RFC 7644 section 3). */
@Path("Groups")
@RequestScoped
@Produces({ScimJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
public class GroupsResource {

    @Inject
    Caller caller;

    @Inject
    ScimGroupService groups;

    @Context
    UriInfo uri;

    @Operation(hidden = true)
    @POST
    public Response create(String body) {
        Role role = groups.create(caller, ScimJson.readObject(body));
        return Responses.resource(201, toScim(role, true), null);
    }

    @Operation(hidden = true)
    @GET
    public Response list(
            @QueryParam("filter") String filter,
            @QueryParam("startIndex") String startIndex,
            @QueryParam("count") String count,
            @QueryParam("sortBy") String sortBy,
            @QueryParam("sortOrder") String sortOrder,
            @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excludedAttributes) {
        return list(ListQuery.of(filter, startIndex, count, sortBy, sortOrder, attributes, excludedAttributes, false));
    }

    @Operation(hidden = true)
    @POST
    @Path(".search")
    public Response search(String body) {
        return list(ListQuery.of(ScimJson.readObject(body), false));
    }

    private Response list(ListQuery query) {
        Criteria where = FilterTranslator.translate(query.filter(), FilterTranslator.Target.GROUPS);
        Page<Role> page = groups.search(
                caller, new Search(where, query.sortBy(), query.descending(), query.startIndex() - 1, query.count()));
        boolean withMembers = Responses.wants(query, "members");
        List<ObjectNode> resources =
                page.items().stream().map(role -> toScim(role, withMembers)).toList();
        return Responses.list(resources, page.total(), query);
    }

    @Operation(hidden = true)
    @GET
    @Path("{id}")
    public Response get(
            @PathParam("id") String id,
            @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excludedAttributes) {
        ListQuery projection = ListQuery.of(null, null, null, null, null, attributes, excludedAttributes, false);
        Role role = groups.get(caller, id);
        return Responses.resource(200, toScim(role, Responses.wants(projection, "members")), projection);
    }

    @Operation(hidden = true)
    @PUT
    @Path("{id}")
    public Response replace(
            @PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        Long expected = ETags.expected(ifMatch);
        Role role = groups.replace(caller, id, expected, ScimJson.readObject(body));
        return Responses.resource(200, toScim(role, true), null);
    }

    /** 204 as Entra ID expects (Okta accepts it too); the new ETag is in the header. */
    @Operation(hidden = true)
    @PATCH
    @Path("{id}")
    public Response patch(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        Long expected = ETags.expected(ifMatch);
        Role role = groups.patch(caller, id, expected, ScimJson.readObject(body));
        return Response.noContent()
                .header(HttpHeaders.ETAG, dev.mandate.scim.user.UserMapper.etag(role.version()))
                .build();
    }

    @Operation(hidden = true)
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        groups.delete(caller, id, ETags.expected(ifMatch));
        return Response.noContent().build();
    }

    private ObjectNode toScim(Role role, boolean withMembers) {
        return GroupMapper.toScim(
                role, withMembers ? groups.members(caller, role.id()) : List.of(), withMembers, Responses.baseUrl(uri));
    }
}
