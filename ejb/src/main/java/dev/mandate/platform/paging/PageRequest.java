package dev.mandate.platform.paging;

import dev.mandate.platform.error.InvalidRequestException;

/** A validated offset/limit pair. */
public record PageRequest(int offset, int limit) {

    public static PageRequest of(Integer offset, Integer limit, int defaultLimit, int maxLimit) {
        int resolvedOffset = offset == null ? 0 : offset;
        int resolvedLimit = limit == null ? defaultLimit : limit;
        if (resolvedOffset < 0) {
            throw new InvalidRequestException("offset", "must be 0 or more");
        }
        if (resolvedLimit < 1 || resolvedLimit > maxLimit) {
            throw new InvalidRequestException("limit", "must be between 1 and " + maxLimit);
        }
        return new PageRequest(resolvedOffset, resolvedLimit);
    }
}
