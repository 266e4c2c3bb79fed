package dev.mandate.scim.user;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mandate.agent.entity.Agent;
import dev.mandate.platform.paging.Page;
import dev.mandate.platform.query.Criteria;
import dev.mandate.platform.query.Search;
import dev.mandate.platform.security.Caller;
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
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code /Users}: agents (RFC 7644 section 3). */
@Path("Users")
@RequestScoped
@Produces({ScimJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
public class UsersResource {

    @Inject
    Caller caller;

    @Inject
    ScimUserService users;

    @Context
    UriInfo uri;

    @Operation(hidden = true)
    @POST
    public Response create(String body) {
        Agent agent = users.create(caller, ScimJson.readObject(body));
        return Responses.resource(201, UserMapper.toScim(agent, List.of(), base()), null);
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
        return list(ListQuery.of(filter, startIndex, count, sortBy, sortOrder, attributes, excludedAttributes, true));
    }

    @Operation(hidden = true)
    @POST
    @Path(".search")
    public Response search(String body) {
        return list(ListQuery.of(ScimJson.readObject(body), true));
    }

    private Response list(ListQuery query) {
        Criteria where = FilterTranslator.translate(query.filter(), FilterTranslator.Target.USERS);
        Page<Agent> page = users.search(
                caller, new Search(where, query.sortBy(), query.descending(), query.startIndex() - 1, query.count()));
        Map<String, List<dev.mandate.rbac.entity.Role>> groups =
                Responses.wants(query, "groups") ? users.groups(caller, page.items()) : Map.of();
        String base = base();
        List<ObjectNode> resources = page.items().stream()
                .map(agent -> UserMapper.toScim(agent, groups.getOrDefault(agent.id(), List.of()), base))
                .toList();
        return Responses.list(resources, page.total(), query);
    }

    @Operation(hidden = true)
    @GET
    @Path("{id}")
    public Response get(
            @PathParam("id") String id,
            @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excludedAttributes) {
        Agent agent = users.get(caller, id);
        ListQuery projection = ListQuery.of(null, null, null, null, null, attributes, excludedAttributes, true);
        return Responses.resource(200, UserMapper.toScim(agent, users.groups(caller, id), base()), projection);
    }

    @Operation(hidden = true)
    @PUT
    @Path("{id}")
    public Response replace(
            @PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        Long expected = ETags.expected(ifMatch);
        Agent agent = users.replace(caller, id, expected, ScimJson.readObject(body));
        return Responses.resource(200, UserMapper.toScim(agent, users.groups(caller, id), base()), null);
    }

    @Operation(hidden = true)
    @PATCH
    @Path("{id}")
    public Response patch(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        Long expected = ETags.expected(ifMatch);
        Agent agent = users.patch(caller, id, expected, ScimJson.readObject(body));
        return Responses.resource(200, UserMapper.toScim(agent, users.groups(caller, id), base()), null);
    }

    @Operation(hidden = true)
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        users.delete(caller, id, ETags.expected(ifMatch));
        return Response.noContent().build();
    }

    private String base() {
        return Responses.baseUrl(uri);
    }
}
