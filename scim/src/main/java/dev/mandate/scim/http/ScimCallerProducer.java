package dev.mandate.scim.http;

import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.security.Caller;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The verified provisioner for a request; {@link ScimAuthorizationFilter} has checked the token. */
@Dependent
public class ScimCallerProducer {

    @Inject
    JsonWebToken token;

    @Produces
    @Dependent
    Caller caller() {
        String tenant = ScimAuthorizationFilter.string(token.getClaim(ConfigKey.JWT_TENANT_CLAIM.get(String.class)));
        return new Caller(tenant, token.getSubject(), token.getGroups());
    }
}
