package dev.mandate.scim.http;

import dev.mandate.platform.security.Caller;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/** The verified provisioner for a request, as {@link ScimAuthorizationFilter} left it. */
@Dependent
public class ScimCallerProducer {

    @Inject
    HttpServletRequest request;

    @Produces
    @Dependent
    Caller caller() {
        if (request.getAttribute(ScimAuthorizationFilter.CALLER) instanceof Caller caller) {
            return caller;
        }
        throw new IllegalStateException("no verified provisioner: the resource is not behind ScimAuthorizationFilter");
    }
}
