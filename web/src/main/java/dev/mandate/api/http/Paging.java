package dev.mandate.api.http;

import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.paging.PageRequest;

/** Offset/limit query parameters, bounded by configuration. */
public final class Paging {

    private Paging() {}

    public static PageRequest of(String offset, String limit) {
        return PageRequest.of(
                QueryParams.integer("offset", offset),
                QueryParams.integer("limit", limit),
                ConfigKey.API_PAGE_DEFAULT_LIMIT.get(Integer.class),
                ConfigKey.API_PAGE_MAX_LIMIT.get(Integer.class));
    }

    /** A limit alone, for lists paged by cursor. */
    public static int limit(String limit) {
        return PageRequest.of(
                        null,
                        QueryParams.integer("limit", limit),
                        ConfigKey.API_PAGE_DEFAULT_LIMIT.get(Integer.class),
                        ConfigKey.API_PAGE_MAX_LIMIT.get(Integer.class))
                .limit();
    }
}
