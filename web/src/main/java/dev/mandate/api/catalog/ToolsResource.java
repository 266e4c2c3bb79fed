package dev.mandate.api.catalog;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.api.http.EntityTags;
import dev.mandate.api.security.AllowedRoles;
import dev.mandate.catalog.boundary.Tools;
import dev.mandate.catalog.entity.ConnectorJson;
import dev.mandate.catalog.entity.Tool;
import dev.mandate.catalog.entity.ToolDefinition;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tools")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tool catalogue", description = "Tools, their actions, risk classes, argument schemas and connectors")
@AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR, BuiltInRole.APPROVER})
public class ToolsResource {

    @Inject
    Tools tools;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "The tenant's tool catalogue")
    public List<JsonObject> list() {
        return tools.list(caller).stream().map(ToolsResource::json).toList();
    }

    @POST
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Add a tool with its actions")
    public Response create(@Valid ToolRequest request, @Context UriInfo uri) {
        Tool tool = tools.create(caller, request.toDefinition());
        return Response.created(uri.getAbsolutePathBuilder().path(tool.key()).build())
                .tag(EntityTags.of(tool.version()))
                .entity(json(tool))
                .build();
    }

    @GET
    @Path("{key}")
    @Operation(summary = "One tool")
    public Response get(@PathParam("key") String key) {
        Tool tool = tools.get(caller, key);
        return Response.ok(json(tool)).tag(EntityTags.of(tool.version())).build();
    }

    @PUT
    @Path("{key}")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Replace a tool's definition (If-Match required)")
    public Response replace(
            @PathParam("key") String key,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid ToolRequest request) {
        Tool tool = tools.replace(caller, key, EntityTags.parseIfMatch(ifMatch), request.toDefinition());
        return Response.ok(json(tool)).tag(EntityTags.of(tool.version())).build();
    }

    static JsonObject json(Tool tool) {
        ToolDefinition d = tool.definition();
        JsonArrayBuilder actions = JSON.createArrayBuilder();
        d.actions().forEach(a -> {
            var action = JSON.createObjectBuilder()
                    .add("key", a.key())
                    .add("riskClass", a.riskClass().name())
                    .add("blastRadius", a.riskClass().isBlastRadius())
                    .add(
                            "argumentSchema",
                            JSON.createReader(new StringReader(a.argumentSchema()))
                                    .readObject());
            if (a.description() != null) {
                action.add("description", a.description());
            }
            if (a.connector() != null) {
                action.add("connector", ConnectorJson.toJson(a.connector()));
            }
            actions.add(action);
        });
        var json = JSON.createObjectBuilder().add("key", d.key()).add("name", d.name());
        if (d.description() != null) {
            json.add("description", d.description());
        }
        return json.add("actions", actions)
                .add("version", tool.version())
                .add("updatedAt", tool.updatedAt().toString())
                .add("updatedBy", tool.updatedBy())
                .build();
    }
}
