package dev.mandate.platform.security;

import java.util.Set;

/**
 * Who is calling, as established from a verified token: the tenant comes from a token claim, never
 * from a request body or path. Passed explicitly into every domain service.
 */
public record Caller(String tenant, String subject, Set<String> groups) {

    public Caller {
        groups = Set.copyOf(groups);
    }

    public boolean hasGroup(String group) {
        return groups.contains(group);
    }

    public boolean isAgent() {
        return groups.contains(BuiltInRole.AGENT);
    }
}
