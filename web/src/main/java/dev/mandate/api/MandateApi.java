package dev.mandate.api;

import dev.mandate.platform.security.BuiltInRole;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The JSON API. Bearer tokens are verified by {@code CallerAuthorizationFilter} in front of each resource
 * method, not by a container authentication mechanism: no security constraint protects the API itself.
 */
@ApplicationPath("/api")
@DeclareRoles({
    BuiltInRole.ADMIN,
    BuiltInRole.AGENT,
    BuiltInRole.APPROVER,
    BuiltInRole.AUDITOR,
    BuiltInRole.SCIM_PROVISIONER
})
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Mandate API",
                        version = "v1",
                        description =
                                "The authority server for enterprise AI agents. Errors are RFC 9457 problem+json."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class MandateApi extends Application {}
