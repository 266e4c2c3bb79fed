package dev.mandate.api.http;

import dev.mandate.platform.security.Versions;
import jakarta.ws.rs.core.EntityTag;

/** ETags are the resource's version, quoted. */
public final class EntityTags {

    /** Matches no version: a malformed {@code If-Match} must fail the precondition, not skip it. */
    public static final long NONE = -2;

    private EntityTags() {}

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version an {@code If-Match} header names; {@code null} when the header is absent. */
    public static Long parseIfMatch(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.equals("*")) {
            return Versions.ANY;
        }
        if (value.length() < 3 || !value.startsWith("\"") || !value.endsWith("\"")) {
            return NONE;
        }
        try {
            long version = Long.parseLong(value.substring(1, value.length() - 1));
            // versions are never negative; "-1" must not become Versions.ANY and skip the check
            return version < 0 ? NONE : version;
        } catch (NumberFormatException notOurs) {
            return NONE;
        }
    }
}
