package dev.mandate.api.baseline;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.api.security.AllowedRoles;
import dev.mandate.baseline.boundary.Baselines;
import dev.mandate.baseline.entity.Baseline;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/baselines")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(
        name = "Baselines",
        description = "What the work costs today without Mandate, per workflow or task type: the ROI's inputs")
@AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR})
public class BaselinesResource {

    @Inject
    Baselines baselines;

    @Inject
    Caller caller;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "The tenant's baselines, by workflow then task type")
    public JsonObject list() {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        baselines.list(caller).forEach(b -> items.add(json(b)));
        return JSON.createObjectBuilder().add("items", items).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One baseline")
    public JsonObject get(@PathParam("id") String id) {
        return json(baselines.get(caller, id));
    }

    @POST
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Record a baseline; 409 when its workflow / task type has one (audited)")
    public Response create(@Valid @NotNull(message = "is required") BaselineRequest request) {
        Baseline created = baselines.create(caller, request.figures());
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
                .entity(json(created))
                .build();
    }

    @PUT
    @Path("{id}")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Replace a baseline's figures (audited)")
    public JsonObject replace(
            @PathParam("id") String id, @Valid @NotNull(message = "is required") BaselineRequest request) {
        return json(baselines.replace(caller, id, request.figures()));
    }

    @DELETE
    @Path("{id}")
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Delete a baseline (audited)")
    public Response delete(@PathParam("id") String id) {
        baselines.delete(caller, id);
        return Response.noContent().build();
    }

    static JsonObject json(Baseline b) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("id", b.id()).add("workflow", b.workflow());
        if (b.taskType() != null) {
            json.add("taskType", b.taskType());
        }
        if (b.weeklyVolume() != null) {
            json.add("weeklyVolume", b.weeklyVolume());
        }
        if (b.slaTargetMinutes() != null) {
            json.add("slaTargetMinutes", b.slaTargetMinutes());
        }
        json.add("costPerItem", plain(b.costPerItem())).add("handlingMinutes", plain(b.handlingMinutes()));
        if (b.backlog() != null) {
            json.add("backlog", b.backlog());
        }
        return json.add("hourlyRate", plain(b.hourlyRate()))
                .add("version", b.version())
                .add("updatedAt", b.updatedAt().toInstant().toString())
                .add("updatedBy", b.updatedBy())
                .build();
    }

    private static BigDecimal plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
