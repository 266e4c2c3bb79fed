package dev.mandate.api.security;

import dev.mandate.api.problem.Problems;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.security.TenantId;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Decides, before a resource method runs, whether the caller may call it (one instance per method, see
 * {@link CallerAuthorization}). MP-JWT has already verified the token's signature, issuer, audience and
 * expiry (and answered 401 itself for a bad token); this adds:
 * <ul>
 *   <li>no token: 401 (not the 403 a plain role check gives);
 *   <li>a token not yet valid ({@code nbf}) or without a valid tenant claim: 401;
 *   <li>none of the method's roles in {@code groups}: 403;
 *   <li>an agent that is not ACTIVE: 403 on its very next request, whatever its token says (read here,
 *       or in the method's own transaction where it says so, {@link ChecksAgentStatusItself}).
 * </ul>
 * What it verified is the request's {@link VerifiedCall} until the response leaves.
 */
public class CallerAuthorizationFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private final List<String> rolesAllowed;
    private final boolean readsAgent;
    private final CallerAuthorization beans;

    /**
     * @param readsAgent false where the resource method reads the agent itself ({@link ChecksAgentStatusItself})
     */
    CallerAuthorizationFilter(List<String> rolesAllowed, boolean readsAgent, CallerAuthorization beans) {
        this.rolesAllowed = rolesAllowed;
        this.readsAgent = readsAgent;
        this.beans = beans;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        VerifiedCall.clear();
        if (rolesAllowed.isEmpty()) {
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
        String tenant = string(token.getClaim(tenantClaim));
        if (!TenantId.isValid(tenant)) {
            request.abortWith(unauthenticated("The token carries no valid '" + tenantClaim + "' claim."));
            return;
        }
        if (rolesAllowed.stream().noneMatch(token.getGroups()::contains)) {
            request.abortWith(
                    Problems.of(ProblemType.FORBIDDEN, "This operation needs one of the roles " + rolesAllowed));
            return;
        }
        if (principal instanceof CallerPrincipal verified) {
            beans.verifiedTokens.remember(token, verified);
        }
        Caller caller = new Caller(tenant, token.getSubject(), token.getGroups());
        if (caller.isAgent() && readsAgent) {
            beans.agents.require(tenant, token.getSubject());
        }
        VerifiedCall.set(new VerifiedCall(caller));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        VerifiedCall.clear();
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
