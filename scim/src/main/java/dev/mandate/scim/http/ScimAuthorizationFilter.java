package dev.mandate.scim.http;

import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.security.BearerTokenVerifier;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.TokenClaims;
import dev.mandate.scim.error.ScimErrors;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Every SCIM endpoint, discovery included, needs a bearer token the {@link BearerTokenVerifier} accepts
 * (signature, algorithm, issuer, audience, expiry: else 401) whose claims make a caller as the API's do
 * ({@link TokenClaims}: not valid yet, no valid tenant or subject, 401), of the {@code scim-provisioner}
 * group (else 403). The verified provisioner is the
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
        TokenClaims.Outcome outcome = TokenClaims.caller(
                claims,
                List.of(BuiltInRole.SCIM_PROVISIONER),
                ConfigKey.JWT_TENANT_CLAIM.get(String.class),
                ConfigKey.JWT_CLOCK_SKEW_SECONDS.get(Long.class),
                Instant.now().getEpochSecond());
        if (outcome.caller() == null) {
            request.abortWith(ScimErrors.response(
                    outcome.refusal() == ProblemType.UNAUTHENTICATED ? 401 : 403,
                    null,
                    outcome.refusal() == ProblemType.FORBIDDEN
                            ? "SCIM provisioning needs the '" + BuiltInRole.SCIM_PROVISIONER + "' group."
                            : outcome.detail()));
            return;
        }
        request.setProperty(CALLER, outcome.caller());
    }
}
