package dev.mandate.api.security;

import dev.mandate.agent.control.ActiveAgents;
import dev.mandate.api.problem.Problems;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.TenantId;
import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.security.Principal;
import java.time.Instant;
import java.util.Arrays;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Decides, before any resource runs, whether the caller may call it. MP-JWT has already verified the
 * token's signature, issuer, audience and expiry (and answered 401 itself for a bad token); this adds:
 * <ul>
 *   <li>no token on a protected resource: 401 (not the 403 a plain role check gives);
 *   <li>a token not yet valid ({@code nbf}) or without a valid tenant claim: 401;
 *   <li>none of the resource's roles in {@code groups}: 403;
 *   <li>an agent that is not ACTIVE: 403 on its very next request, whatever its token says.
 * </ul>
 * Resources without a security annotation are denied: access is declared, never implied.
 */
@Provider
@Priority(Priorities.AUTHORIZATION - 100)
public class CallerAuthorizationFilter implements ContainerRequestFilter {

    /**
     * The servlet request attribute holding the calling agent as this filter read it, ACTIVE, so the
     * decision path need not read it again.
     */
    public static final String VERIFIED_AGENT = "dev.mandate.verified-agent";

    @Context
    ResourceInfo resourceInfo;

    @Inject
    ActiveAgents agents;

    @Inject
    VerifiedTokens verifiedTokens;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resourceInfo.getResourceMethod();
        if (method == null || method.isAnnotationPresent(PermitAll.class)) {
            return;
        }
        RolesAllowed allowed = rolesAllowed(method);
        if (allowed == null) {
            request.abortWith(Problems.of(ProblemType.FORBIDDEN, "This operation is not open to any caller."));
            return;
        }
        Principal principal = request.getSecurityContext().getUserPrincipal();
        if (!(principal instanceof JsonWebToken token)) {
            request.abortWith(unauthenticated("A bearer token is required."));
            return;
        }
        long skew = ConfigKey.JWT_CLOCK_SKEW_SECONDS.get(Long.class);
        Long notBefore = number(token.getClaim("nbf"));
        if (notBefore != null && notBefore > Instant.now().getEpochSecond() + skew) {
            request.abortWith(unauthenticated("The token is not valid yet (nbf)."));
            return;
        }
        String tenantClaim = ConfigKey.JWT_TENANT_CLAIM.get(String.class);
        if (!TenantId.isValid(string(token.getClaim(tenantClaim)))) {
            request.abortWith(unauthenticated("The token carries no valid '" + tenantClaim + "' claim."));
            return;
        }
        if (Arrays.stream(allowed.value()).noneMatch(token.getGroups()::contains)) {
            request.abortWith(Problems.of(
                    ProblemType.FORBIDDEN,
                    "This operation needs one of the roles " + Arrays.toString(allowed.value())));
            return;
        }
        if (principal instanceof CallerPrincipal verified) {
            verifiedTokens.remember(token, verified);
        }
        if (token.getGroups().contains(BuiltInRole.AGENT)) {
            // in a servlet container, request properties are the servlet request's attributes (JAX-RS
            // ContainerRequestContext#setProperty), which is where EnvelopesResource reads it
            request.setProperty(
                    VERIFIED_AGENT, agents.require(string(token.getClaim(tenantClaim)), token.getSubject()));
        }
    }

    private RolesAllowed rolesAllowed(Method method) {
        if (method.isAnnotationPresent(DenyAll.class)) {
            return null;
        }
        RolesAllowed onMethod = method.getAnnotation(RolesAllowed.class);
        return onMethod != null ? onMethod : resourceInfo.getResourceClass().getAnnotation(RolesAllowed.class);
    }

    private static Response unauthenticated(String detail) {
        return Response.fromResponse(Problems.of(ProblemType.UNAUTHENTICATED, detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
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
