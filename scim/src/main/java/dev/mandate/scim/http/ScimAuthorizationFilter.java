package dev.mandate.scim.http;

import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.TenantId;
import dev.mandate.scim.error.ScimErrors;
import jakarta.annotation.Priority;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Every SCIM endpoint, discovery included, needs a bearer token of the {@code scim-provisioner} group
 * with a valid tenant claim. MP-JWT has verified signature, issuer, audience and expiry (a bad token is
 * answered 401 by the container, which web.xml maps to a SCIM error); this adds: no token 401, token
 * not valid yet ({@code nbf}) or without tenant 401, not a provisioner 403.
 */
@Provider
@Priority(Priorities.AUTHORIZATION - 100)
public class ScimAuthorizationFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        Principal principal = request.getSecurityContext().getUserPrincipal();
        if (!(principal instanceof JsonWebToken token)) {
            request.abortWith(ScimErrors.response(401, null, "A bearer token is required."));
            return;
        }
        long skew = ConfigKey.JWT_CLOCK_SKEW_SECONDS.get(Long.class);
        Long notBefore = number(token.getClaim("nbf"));
        if (notBefore != null && notBefore > Instant.now().getEpochSecond() + skew) {
            request.abortWith(ScimErrors.response(401, null, "The token is not valid yet (nbf)."));
            return;
        }
        String tenantClaim = ConfigKey.JWT_TENANT_CLAIM.get(String.class);
        if (!TenantId.isValid(string(token.getClaim(tenantClaim)))) {
            request.abortWith(
                    ScimErrors.response(401, null, "The token carries no valid '" + tenantClaim + "' claim."));
            return;
        }
        if (token.getGroups() == null || !token.getGroups().contains(BuiltInRole.SCIM_PROVISIONER)) {
            request.abortWith(ScimErrors.response(
                    403, null, "SCIM provisioning needs the '" + BuiltInRole.SCIM_PROVISIONER + "' group."));
        }
    }

    static String string(Object claim) {
        if (claim instanceof JsonString json) {
            return json.getString();
        }
        return claim instanceof String text ? text : null;
    }

    static Long number(Object claim) {
        if (claim instanceof JsonNumber json) {
            return json.longValue();
        }
        return claim instanceof Number n ? n.longValue() : null;
    }
}
