package dev.mandate.platform.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a stably ordered list, with the total so clients can page to the end. */
public record Page<T>(List<T> items, int offset, int limit, long total) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), offset, limit, total);
    }
}
