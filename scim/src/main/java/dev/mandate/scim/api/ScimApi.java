package dev.mandate.scim.api;

import dev.mandate.platform.security.BuiltInRole;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * SCIM 2.0 (RFC 7643/7644) under {@code /scim/v2}. A CDI bean on purpose: MP-JWT in a WAR inside an EAR
 * needs the Application to be one, else {@code JsonWebToken} cannot be injected.
 */
@ApplicationScoped
@ApplicationPath("/v2")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles(BuiltInRole.SCIM_PROVISIONER)
public class ScimApi extends Application {}
