package dev.mandate.api.security;

import dev.mandate.api.problem.Problems;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.security.BearerTokenVerifier;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.security.TokenClaims;
import dev.mandate.platform.tracing.SpanAttributes;
import dev.mandate.platform.tracing.Step;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Decides, before a resource method runs, whether the caller may call it (one instance per method, see
 * {@link CallerAuthorization}):
 * <ul>
 *   <li>no bearer token: 401 (not the 403 a plain role check gives);
 *   <li>a token the {@link BearerTokenVerifier} refuses (signature, algorithm, issuer, audience, expiry), or
 *       one remembered by {@link VerifiedTokens} that is not valid yet ({@code nbf}), without a valid tenant
 *       claim or without a usable {@code sub}: 401;
 *   <li>none of the method's roles in {@code groups} (none when the claim is missing): 403;
 *   <li>an agent that is not ACTIVE: 403 on its very next request, whatever its token says (read here,
 *       or in the method's own transaction where it says so, {@link ChecksAgentStatusItself}).
 * </ul>
 * What it verified is the request's {@link VerifiedCall} until the response leaves.
 */
public class CallerAuthorizationFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /** The request property holding the request's span, to end it when the response leaves. */
    static final String REQUEST_SPAN = "dev.mandate.api.request-span";

    private final List<String> rolesAllowed;
    private final boolean readsAgent;
    private final CallerAuthorization beans;
    private final String route;

    /**
     * @param readsAgent false where the resource method reads the agent itself ({@link ChecksAgentStatusItself})
     */
    /**
     * @param route the method and path template, the name of the request's span ({@code POST /api/v1/envelopes})
     */
    CallerAuthorizationFilter(List<String> rolesAllowed, boolean readsAgent, CallerAuthorization beans, String route) {
        this.rolesAllowed = rolesAllowed;
        this.readsAgent = readsAgent;
        this.beans = beans;
        this.route = route;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        VerifiedCall.clear();
        Step traced = beans.tracing.request(route, request.getHeaderString("traceparent"));
        if (traced != Step.OFF) {
            request.setProperty(REQUEST_SPAN, traced);
        }
        try (Step step = beans.tracing.start("mandate.authenticate", traced)) {
            authorize(request, traced);
            if (step.recording()) {
                VerifiedCall call = VerifiedCall.orNull();
                if (call != null) {
                    step.set(SpanAttributes.TENANT, call.caller().tenant()).set(SpanAttributes.OUTCOME, "VERIFIED");
                } else {
                    step.failed("refused");
                }
            }
        }
    }

    private void authorize(ContainerRequestContext request, Step traced) {
        if (rolesAllowed.isEmpty()) {
            request.abortWith(Problems.of(ProblemType.FORBIDDEN, "This operation is not open to any caller."));
            return;
        }
        String token = BearerTokenVerifier.bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            request.abortWith(unauthenticated("A bearer token is required."));
            return;
        }
        Map<String, Object> claims = beans.verifiedTokens.find(token).orElse(null);
        if (claims == null) {
            try {
                claims = beans.verifier.verify(token);
            } catch (BearerTokenVerifier.RejectedToken rejected) {
                request.abortWith(unauthenticated("The bearer token is not accepted: " + rejected.getMessage()));
                return;
            }
            beans.verifiedTokens.remember(token, claims);
        }
        TokenClaims.Outcome outcome = TokenClaims.caller(
                claims,
                rolesAllowed,
                ConfigKey.JWT_TENANT_CLAIM.get(String.class),
                ConfigKey.JWT_CLOCK_SKEW_SECONDS.get(Long.class),
                Instant.now().getEpochSecond());
        if (outcome.caller() == null) {
            request.abortWith(
                    outcome.refusal() == ProblemType.UNAUTHENTICATED
                            ? unauthenticated(outcome.detail())
                            : Problems.of(outcome.refusal(), outcome.detail()));
            return;
        }
        Caller caller = outcome.caller();
        if (caller.isAgent() && readsAgent) {
            beans.agents.require(caller.tenant(), caller.subject());
        }
        VerifiedCall.set(new VerifiedCall(caller, traced));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        VerifiedCall.clear();
        if (request.getProperty(REQUEST_SPAN) instanceof Step traced) {
            traced.set(SpanAttributes.HTTP_RESPONSE_STATUS_CODE, (long) response.getStatus());
            if (response.getStatus() >= 500) {
                traced.failed(Integer.toString(response.getStatus()));
            }
            traced.close();
        }
    }

    private static Response unauthenticated(String detail) {
        return Response.fromResponse(Problems.of(ProblemType.UNAUTHENTICATED, detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }
}
