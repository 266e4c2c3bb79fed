package dev.mandate.api.alert;

import dev.mandate.alert.boundary.AlertEvaluations;
import dev.mandate.alert.boundary.Alerts;
import dev.mandate.alert.entity.AlertStatus;
import dev.mandate.api.http.PageResponse;
import dev.mandate.api.http.Paging;
import dev.mandate.api.http.QueryParams;
import dev.mandate.api.security.AllowedRoles;
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
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/alerts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts", description = "Alert rules on spikes, their alerts, acknowledging and resolving them")
@AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR})
public class AlertsResource {

    @Inject
    Alerts alerts;

    @Inject
    AlertEvaluations evaluations;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "The alert history, newest first; filter by status and rule")
    public PageResponse<AlertResponse> list(
            @QueryParam("status") String status,
            @QueryParam("rule") String rule,
            @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        return PageResponse.of(alerts.page(
                        caller,
                        QueryParams.enumValue("status", status, AlertStatus.class),
                        QueryParams.text("rule", rule, 100, null),
                        Paging.of(offset, limit))
                .map(AlertResponse::of));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One alert")
    public AlertResponse get(@PathParam("id") String id) {
        return AlertResponse.of(alerts.get(caller, id));
    }

    @POST
    @Path("{id}/acknowledge")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Acknowledge an OPEN alert (who and when, audited); 409 otherwise")
    public AlertResponse acknowledge(@PathParam("id") String id, @Valid AlertNoteRequest note) {
        return AlertResponse.of(alerts.acknowledge(caller, id, note == null ? null : note.reason));
    }

    @POST
    @Path("{id}/resolve")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Resolve an open alert (audited, alert.resolved sent); 409 when resolved already")
    public AlertResponse resolve(@PathParam("id") String id, @Valid AlertNoteRequest note) {
        return AlertResponse.of(alerts.resolve(caller, id, note == null ? null : note.reason));
    }

    @POST
    @Path("evaluations")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(
            summary = "Evaluate the tenant's enabled rules now, without waiting for the schedule",
            description =
                    "Answers what each rule found per key: FIRED, STILL_FIRING, RECOVERING, RESOLVED, SUPPRESSED or NORMAL")
    public AlertEvaluations.Result evaluate() {
        return evaluations.evaluate(caller);
    }
}
