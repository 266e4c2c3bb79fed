package dev.mandate.api.alert;

import dev.mandate.alert.boundary.AlertRules;
import dev.mandate.alert.entity.AlertRule;
import dev.mandate.alert.entity.AlertRuleSpec;
import dev.mandate.api.http.EntityTags;
import dev.mandate.api.http.PageResponse;
import dev.mandate.api.http.Paging;
import dev.mandate.api.security.AllowedRoles;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/alerts/rules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts", description = "Alert rules on spikes, their alerts, acknowledging and resolving them")
@AllowedRoles(BuiltInRole.ADMIN)
public class AlertRulesResource {

    @Inject
    AlertRules rules;

    @Inject
    Caller caller;

    @Context
    UriInfo uri;

    @GET
    @AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR})
    @Operation(summary = "The tenant's alert rules, by name")
    public PageResponse<AlertRuleResponse> list(
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return PageResponse.of(rules.list(caller, Paging.of(offset, limit)).map(AlertRuleResponse::of));
    }

    @GET
    @Path("{name}")
    @AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR})
    @Operation(summary = "One rule; the ETag is its version")
    public Response get(@PathParam("name") String name) {
        return withTag(Response.ok(), rules.get(caller, name));
    }

    @PUT
    @Path("{name}")
    @Operation(
            summary = "Create a rule (201), or replace one (If-Match required)",
            description = "422 naming each field that is wrong (metric, scope, scopeValue, windowSeconds,"
                    + " baselineWindows, sensitivity, minCount, threshold); audited")
    public Response put(
            @PathParam("name") String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            AlertRuleRequest request) {
        if (request == null) {
            throw new InvalidRequestException("body", "is required: the rule");
        }
        AlertRuleSpec spec = AlertRuleSpec.of(
                request.metric,
                request.scope,
                request.scopeValue,
                request.windowSeconds,
                request.baselineWindows,
                request.sensitivity,
                request.minCount,
                request.threshold,
                request.enabled);
        AlertRules.Written written = rules.put(caller, name, EntityTags.parseIfMatch(ifMatch), spec);
        if (written.created()) {
            return withTag(Response.created(uri.getAbsolutePath()), written.rule());
        }
        return withTag(Response.ok(), written.rule());
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a rule (If-Match required); its open alerts are resolved (audited)")
    public Response delete(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        rules.delete(caller, name, EntityTags.parseIfMatch(ifMatch));
        return Response.noContent().build();
    }

    private static Response withTag(Response.ResponseBuilder response, AlertRule rule) {
        return response.tag(EntityTags.of(rule.version()))
                .entity(AlertRuleResponse.of(rule))
                .build();
    }
}
