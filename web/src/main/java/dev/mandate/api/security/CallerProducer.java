package dev.mandate.api.security;

import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.security.Caller;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The verified caller for a request. {@link CallerAuthorizationFilter} has checked the token before any
 * resource that injects this runs.
 */
@Dependent
public class CallerProducer {

    @Inject
    HttpServletRequest request;

    @Inject
    JsonWebToken token;

    /**
     * From the request's principal, which is the verified token: MP-JWT's CDI producer of
     * {@code JsonWebToken} does a JNDI lookup on every request (measured, BENCHMARKS.md). The injected
     * token is the fallback for a request without one.
     */
    @Produces
    @Dependent
    Caller caller() {
        return from(request.getUserPrincipal() instanceof JsonWebToken verified ? verified : token);
    }

    private static Caller from(JsonWebToken token) {
        String tenant = CallerAuthorizationFilter.string(token.getClaim(ConfigKey.JWT_TENANT_CLAIM.get(String.class)));
        return new Caller(tenant, token.getSubject(), TokenClaims.groups(token));
    }
}
