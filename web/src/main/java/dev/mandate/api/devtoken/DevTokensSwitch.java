package dev.mandate.api.devtoken;

import dev.mandate.devtoken.control.DevTokenIssuer;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Answers 404 for the quick-start token issuer when it is off, before the body is read: a server where
 * it is off must not parse (or even look at) what is sent there, exactly as for a path that does not exist.
 */
@Provider
@DevTokensSwitch.WhenEnabled
@Priority(Priorities.AUTHENTICATION - 100)
public class DevTokensSwitch implements ContainerRequestFilter {

    /** Binds this filter to the issuer's resource methods. */
    @NameBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    public @interface WhenEnabled {}

    @Inject
    DevTokenIssuer issuer;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!issuer.isEnabled()) {
            throw new NotFoundException();
        }
    }
}
