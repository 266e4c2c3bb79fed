package dev.mandate.api.routing;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.api.security.AllowedRoles;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import dev.mandate.routing.boundary.RoutingPolicies;
import dev.mandate.routing.entity.ApprovalRoute;
import dev.mandate.routing.entity.SlaClass;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Approval policies and SLA classes: how requests reach people and how long people have. */
@Path("/v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Approval routing", description = "M of N, the sponsor's say, SLA classes and what happens on expiry")
@AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR})
public class RoutingResource {

    @Inject
    RoutingPolicies policies;

    @Inject
    Caller caller;

    @GET
    @Path("approval-policies")
    @Operation(summary = "The tenant's approval policies")
    public List<JsonObject> policies() {
        return policies.policies(caller).stream().map(RoutingResource::json).toList();
    }

    @GET
    @Path("approval-policies/{selector}")
    public JsonObject policy(@PathParam("selector") String selector) {
        return json(policies.policy(caller, selector));
    }

    @PUT
    @Path("approval-policies/{selector}")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Set the policy for default, rule:<ruleId>, task-type:<key> or risk-class:<RISK_CLASS>")
    public JsonObject setPolicy(
            @PathParam("selector") String selector,
            @Valid @NotNull(message = "a policy is required") ApprovalPolicyRequest request) {
        return json(policies.setPolicy(
                caller,
                new ApprovalRoute(
                        selector,
                        request.requiredApprovals,
                        request.sponsorMayApprove == null || request.sponsorMayApprove,
                        request.slaClass == null ? SlaClass.DEFAULT : request.slaClass)));
    }

    @DELETE
    @Path("approval-policies/{selector}")
    @AllowedRoles(BuiltInRole.ADMIN)
    public void deletePolicy(@PathParam("selector") String selector) {
        policies.deletePolicy(caller, selector);
    }

    @GET
    @Path("sla-classes")
    @Operation(summary = "The tenant's SLA classes, with the built-in ones it has not replaced")
    public List<JsonObject> slaClasses() {
        return policies.slaClasses(caller).stream().map(RoutingResource::json).toList();
    }

    @GET
    @Path("sla-classes/{name}")
    public JsonObject slaClass(@PathParam("name") String name) {
        return json(policies.slaClass(caller, name));
    }

    @PUT
    @Path("sla-classes/{name}")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(
            summary = "Set an SLA class: due time, warning, and DENY, FALLBACK (to other approvers) or QUEUE on expiry")
    public JsonObject setSlaClass(
            @PathParam("name") String name,
            @Valid @NotNull(message = "an SLA class is required") SlaClassRequest request) {
        long within = request.decideWithinSeconds;
        return json(policies.setSlaClass(
                caller,
                new SlaClass(
                        name,
                        within,
                        request.warnBeforeSeconds == null ? within / 10 : request.warnBeforeSeconds,
                        request.onExpiry,
                        request.fallbackRoles == null ? List.of() : request.fallbackRoles,
                        request.fallbackWithinSeconds == null ? 0 : request.fallbackWithinSeconds)));
    }

    @DELETE
    @Path("sla-classes/{name}")
    @AllowedRoles(BuiltInRole.ADMIN)
    public void deleteSlaClass(@PathParam("name") String name) {
        policies.deleteSlaClass(caller, name);
    }

    static JsonObject json(ApprovalRoute route) {
        return JSON.createObjectBuilder()
                .add("selector", route.selector())
                .add("requiredApprovals", route.requiredApprovals())
                .add("sponsorMayApprove", route.sponsorMayApprove())
                .add("slaClass", route.slaClass())
                .build();
    }

    static JsonObject json(SlaClass sla) {
        return JSON.createObjectBuilder()
                .add("name", sla.name())
                .add("decideWithinSeconds", sla.decideWithinSeconds())
                .add("warnBeforeSeconds", sla.warnBeforeSeconds())
                .add("onExpiry", sla.onExpiry().name())
                .add("fallbackRoles", JSON.createArrayBuilder(sla.fallbackRoles()))
                .add("fallbackWithinSeconds", sla.fallbackWithinSeconds())
                .build();
    }
}
