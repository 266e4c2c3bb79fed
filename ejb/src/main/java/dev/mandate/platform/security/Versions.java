package dev.mandate.platform.security;

import dev.mandate.platform.error.StaleVersionException;
import dev.mandate.platform.error.VersionRequiredException;

/** Optimistic concurrency: a write names the version it read; anything else is refused. */
public final class Versions {

    /** {@code If-Match: *}: the caller accepts whatever version is current. */
    public static final long ANY = -1;

    private Versions() {}

    public static void require(String kind, String id, Long expected, long current) {
        if (expected == null) {
            throw new VersionRequiredException();
        }
        if (expected != ANY && expected != current) {
            throw new StaleVersionException(kind, id, current);
        }
    }
}
