package dev.mandate.api.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method any caller may call, without a bearer token: {@link CallerAuthorization} puts no
 * filter in front of it. Not {@code jakarta.annotation.security.PermitAll}, for the reason given on
 * {@link AllowedRoles}: Payara would ask the container to authenticate even these callers.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NoTokenRequired {}
