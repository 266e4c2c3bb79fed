package dev.mandate.api.http;

import dev.mandate.platform.paging.Page;
import java.util.List;

/** The JSON shape of every list: items plus where they sit in the whole. */
public record PageResponse<T>(List<T> items, int offset, int limit, long total) {

    public static <T> PageResponse<T> of(Page<T> page) {
        return new PageResponse<>(page.items(), page.offset(), page.limit(), page.total());
    }
}
