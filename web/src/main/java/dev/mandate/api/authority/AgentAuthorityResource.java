package dev.mandate.api.authority;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.agent.boundary.Agents;
import dev.mandate.agent.entity.Agent;
import dev.mandate.api.http.EntityTags;
import dev.mandate.api.security.AllowedRoles;
import dev.mandate.authority.boundary.AuthorityCards;
import dev.mandate.authority.boundary.ToolTiers;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/agents")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Authority", description = "Per-tool tiers, shadow mode and the authority card")
// same root path as AgentsResource on purpose: Jersey merges them; a root path with {id} would shadow it
public class AgentAuthorityResource {

    @Inject
    AuthorityCards cards;

    @Inject
    ToolTiers toolTiers;

    @Inject
    Agents agents;

    @Inject
    Caller caller;

    @GET
    @Path("{id}/card")
    @AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR, BuiltInRole.APPROVER, BuiltInRole.AGENT})
    @Operation(summary = "The agent's authority card: everything it may do, under which caps and approvers")
    public JsonObject card(@PathParam("id") String id) {
        return cards.card(caller, id);
    }

    @PUT
    @Path("{id}/tool-tiers/{tool}")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Set the agent's authority tier for one tool")
    public JsonObject setToolTier(
            @PathParam("id") String id, @PathParam("tool") String tool, @Valid ToolTierRequest request) {
        toolTiers.set(caller, id, tool, request.tier);
        return JSON.createObjectBuilder()
                .add("tool", tool)
                .add("tier", request.tier.name())
                .build();
    }

    @DELETE
    @Path("{id}/tool-tiers/{tool}")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Back to the agent's default tier for this tool")
    public Response clearToolTier(@PathParam("id") String id, @PathParam("tool") String tool) {
        toolTiers.clear(caller, id, tool);
        return Response.noContent().build();
    }

    @PUT
    @Path("{id}/shadow-mode")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Shadow mode on or off (If-Match required): decisions are made and audited, nothing executes")
    public Response shadowMode(
            @PathParam("id") String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid ShadowModeRequest request) {
        Agent agent = agents.setShadowMode(caller, id, EntityTags.parseIfMatch(ifMatch), request.enabled);
        return Response.ok(JSON.createObjectBuilder()
                        .add("shadowMode", agent.shadowMode())
                        .build())
                .tag(EntityTags.of(agent.version()))
                .build();
    }
}
