package dev.mandate.scim.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Clients and compliance suites spell the resource segment in any case ({@code /scim/v2/users}); the
 * endpoints are {@code /Users}, {@code /Groups}, ... . Before matching, a first segment that names an
 * endpoint in another case is rewritten to the endpoint's spelling; ids and query stay as sent. A path
 * already spelled right costs one map lookup.
 */
@Provider
@PreMatching
@Priority(50)
public class ResourcePathCase implements ContainerRequestFilter {

    private static final Map<String, String> ENDPOINTS = Map.of(
            "users", "Users",
            "groups", "Groups",
            "bulk", "Bulk",
            "schemas", "Schemas",
            "resourcetypes", "ResourceTypes",
            "serviceproviderconfig", "ServiceProviderConfig");

    @Override
    public void filter(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        String base = uri.getBaseUri().toString();
        String full = uri.getRequestUri().toString();
        if (!full.startsWith(base)) {
            return;
        }
        int start = base.length();
        if (start < full.length() && full.charAt(start) == '/') {
            start++;
        }
        int end = start;
        while (end < full.length() && "/?#".indexOf(full.charAt(end)) < 0) {
            end++;
        }
        String segment = full.substring(start, end);
        String endpoint = ENDPOINTS.get(segment.toLowerCase(Locale.ROOT));
        if (endpoint != null && !endpoint.equals(segment)) {
            request.setRequestUri(
                    uri.getBaseUri(), URI.create(full.substring(0, start) + endpoint + full.substring(end)));
        }
    }
}
