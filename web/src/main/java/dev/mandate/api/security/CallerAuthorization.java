package dev.mandate.api.security;

import dev.mandate.agent.control.ActiveAgents;
import dev.mandate.platform.security.BearerTokenVerifier;
import dev.mandate.platform.tracing.Tracing;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Puts a {@link CallerAuthorizationFilter} in front of every resource method, with the roles its
 * annotations name, read once at deployment rather than by reflection on every request. A method
 * without a security annotation (on itself or its class) gets a filter that denies every caller: access
 * is declared, never implied. {@link NoTokenRequired} methods get no filter.
 */
@Provider
public class CallerAuthorization implements DynamicFeature {

    @Inject
    ActiveAgents agents;

    @Inject
    Tracing tracing;

    @Inject
    VerifiedTokens verifiedTokens;

    @Inject
    BearerTokenVerifier verifier;

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        if (method == null || method.isAnnotationPresent(NoTokenRequired.class)) {
            return;
        }
        context.register(
                new CallerAuthorizationFilter(
                        rolesAllowed(method, resource.getResourceClass()),
                        !method.isAnnotationPresent(ChecksAgentStatusItself.class),
                        this,
                        route(method, resource.getResourceClass())),
                Priorities.AUTHORIZATION - 100);
    }

    /** The method's HTTP method and path template under the API's root: {@code POST /api/v1/envelopes}. */
    static String route(Method method, Class<?> resourceClass) {
        String verb = Arrays.stream(method.getAnnotations())
                .map(a -> a.annotationType().getAnnotation(HttpMethod.class))
                .filter(Objects::nonNull)
                .map(HttpMethod::value)
                .findFirst()
                .orElse("HTTP");
        StringBuilder path = new StringBuilder("/api");
        for (Path part : new Path[] {resourceClass.getAnnotation(Path.class), method.getAnnotation(Path.class)}) {
            if (part != null && !part.value().isEmpty() && !part.value().equals("/")) {
                path.append(part.value().startsWith("/") ? "" : "/").append(part.value());
            }
        }
        return verb + " " + path;
    }

    /** The roles that may call the method; empty when none may. */
    static List<String> rolesAllowed(Method method, Class<?> resourceClass) {
        AllowedRoles allowed = method.getAnnotation(AllowedRoles.class);
        if (allowed == null) {
            allowed = resourceClass.getAnnotation(AllowedRoles.class);
        }
        return allowed == null ? List.of() : List.of(allowed.value());
    }
}
