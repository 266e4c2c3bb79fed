package dev.mandate.scim.http;

import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.security.BearerTokenVerifier;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.security.TenantId;
import dev.mandate.scim.error.ScimErrors;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Every SCIM endpoint, discovery included, needs a bearer token the {@link BearerTokenVerifier} accepts
 * (signature, algorithm, issuer, audience, expiry: else 401), not valid yet ({@code nbf}) or without a
 * valid tenant claim 401, of the {@code scim-provisioner} group (else 403). The verified provisioner is the
 * request's {@link #CALLER} property, which {@link ScimCallerProducer} gives to the resources.
 */
@Provider
@Priority(Priorities.AUTHORIZATION - 100)
public class ScimAuthorizationFilter implements ContainerRequestFilter {

    static final String CALLER = "dev.mandate.scim.caller";

    @Inject
    BearerTokenVerifier verifier;

    @Override
    public void filter(ContainerRequestContext request) {
        String token = BearerTokenVerifier.bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            request.abortWith(ScimErrors.response(401, null, "A bearer token is required."));
            return;
        }
        Map<String, Object> claims;
        try {
            claims = verifier.verify(token);
        } catch (BearerTokenVerifier.RejectedToken rejected) {
            request.abortWith(
                    ScimErrors.response(401, null, "The bearer token is not accepted: " + rejected.getMessage()));
            return;
        }
        long skew = ConfigKey.JWT_CLOCK_SKEW_SECONDS.get(Long.class);
        Long notBefore = number(claims.get("nbf"));
        if (notBefore != null && notBefore > Instant.now().getEpochSecond() + skew) {
            request.abortWith(ScimErrors.response(401, null, "The token is not valid yet (nbf)."));
            return;
        }
        String tenantClaim = ConfigKey.JWT_TENANT_CLAIM.get(String.class);
        String tenant = string(claims.get(tenantClaim));
        if (!TenantId.isValid(tenant)) {
            request.abortWith(
                    ScimErrors.response(401, null, "The token carries no valid '" + tenantClaim + "' claim."));
            return;
        }
        Set<String> groups = groups(claims.get("groups"));
        if (!groups.contains(BuiltInRole.SCIM_PROVISIONER)) {
            request.abortWith(ScimErrors.response(
                    403, null, "SCIM provisioning needs the '" + BuiltInRole.SCIM_PROVISIONER + "' group."));
            return;
        }
        request.setProperty(CALLER, new Caller(tenant, string(claims.get("sub")), groups));
    }

    private static Set<String> groups(Object claim) {
        Set<String> groups = new LinkedHashSet<>();
        if (claim instanceof Collection<?> values) {
            for (Object value : values) {
                String group = string(value);
                if (group != null) {
                    groups.add(group);
                }
            }
        }
        return groups;
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
