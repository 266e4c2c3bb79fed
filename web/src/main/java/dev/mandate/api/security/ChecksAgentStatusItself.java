package dev.mandate.api.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a resource method that reads the calling agent inside its own transaction and refuses it (403)
 * unless ACTIVE: {@link CallerAuthorizationFilter} then checks the token and the roles, but does not read
 * the agent a second time. The decision path does this; a separate read cost it a pooled connection
 * and a round trip per envelope (about 5% of its CPU, JFR; BENCHMARKS.md).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ChecksAgentStatusItself {}
