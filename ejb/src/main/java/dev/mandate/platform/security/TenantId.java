package dev.mandate.platform.security;

import java.util.regex.Pattern;

/** The shape a tenant id must have wherever it comes from (token claim, configuration). */
public final class TenantId {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private TenantId() {}

    public static boolean isValid(String candidate) {
        return candidate != null && VALID.matcher(candidate).matches();
    }
}
