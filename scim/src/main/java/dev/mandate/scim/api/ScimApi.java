package dev.mandate.scim.api;

import dev.mandate.platform.security.BuiltInRole;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * SCIM 2.0 (RFC 7643/7644) under {@code /scim/v2}. Bearer tokens are verified by
 * {@code ScimAuthorizationFilter} in front of every endpoint, not by a container authentication mechanism.
 */
@ApplicationPath("/v2")
@DeclareRoles(BuiltInRole.SCIM_PROVISIONER)
public class ScimApi extends Application {}
