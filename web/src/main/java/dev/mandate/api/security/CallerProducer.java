package dev.mandate.api.security;

import dev.mandate.platform.security.Caller;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/**
 * The verified caller for a request. {@link CallerAuthorizationFilter} has checked the token before any
 * resource that injects this runs.
 */
@Dependent
public class CallerProducer {

    @Produces
    @Dependent
    Caller caller() {
        return VerifiedCall.current().caller();
    }
}
