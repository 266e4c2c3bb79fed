package dev.mandate.api.tenant;

import dev.mandate.api.rbac.RoleResponse;
import dev.mandate.api.security.AllowedRoles;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import dev.mandate.rbac.boundary.Roles;
import dev.mandate.rbac.entity.PrincipalType;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** "Who am I to Mandate?": the first call a newcomer makes with a token. */
@Path("/v1/me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Caller")
@AllowedRoles({
    BuiltInRole.ADMIN,
    BuiltInRole.AGENT,
    BuiltInRole.APPROVER,
    BuiltInRole.AUDITOR,
    BuiltInRole.SCIM_PROVISIONER
})
public class CallerResource {

    public record Me(String tenant, String subject, List<String> groups, List<RoleResponse> roles) {}

    @Inject
    Caller caller;

    @Inject
    Roles roles;

    @GET
    @Operation(summary = "The caller's tenant, subject, token groups and the tenant roles it holds")
    public Me me() {
        PrincipalType type = caller.isAgent() ? PrincipalType.AGENT : PrincipalType.PERSON;
        List<RoleResponse> held = roles.heldBy(caller, type, caller.subject()).stream()
                .map(RoleResponse::of)
                .toList();
        return new Me(caller.tenant(), caller.subject(), List.copyOf(new TreeSet<>(caller.groups())), held);
    }
}
