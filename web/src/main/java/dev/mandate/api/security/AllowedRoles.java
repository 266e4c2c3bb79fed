package dev.mandate.api.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles (the verified token's {@code groups}) that may call a resource method, on the method or its
 * class; {@link CallerAuthorization} enforces it. Not {@code jakarta.annotation.security.RolesAllowed}:
 * Payara enforces that one on JAX-RS resources itself, by asking the container to authenticate the
 * caller, and the container authenticates nobody here (the bearer token is Mandate's to verify).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AllowedRoles {
    String[] value();
}
