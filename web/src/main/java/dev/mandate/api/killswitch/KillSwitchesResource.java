package dev.mandate.api.killswitch;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.api.security.AllowedRoles;
import dev.mandate.killswitch.boundary.KillSwitches;
import dev.mandate.killswitch.entity.KillSwitch;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/kill-switches")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Kill switch", description = "Stop everything that could execute; read-only actions still pass")
@AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR, BuiltInRole.APPROVER})
public class KillSwitchesResource {

    @Inject
    KillSwitches killSwitches;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "The kill switches of this tenant, and the global one")
    public List<JsonObject> list() {
        return killSwitches.visible(caller).stream()
                .map(KillSwitchesResource::json)
                .toList();
    }

    @PUT
    @AllowedRoles(BuiltInRole.ADMIN)
    @Operation(summary = "Flip a kill switch on or off, saying why; effective on the next request")
    public JsonObject set(@Valid KillSwitchRequest request) {
        return json(killSwitches.set(caller, request.scope, request.target, request.active, request.reason));
    }

    static JsonObject json(KillSwitch kill) {
        return JSON.createObjectBuilder()
                .add("scope", kill.scope().name())
                .add("target", kill.target())
                .add("active", kill.active())
                .add("reason", kill.reason())
                .add("changedBy", kill.changedBy())
                .add("changedAt", kill.changedAt().toString())
                .build();
    }
}
