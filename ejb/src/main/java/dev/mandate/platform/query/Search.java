package dev.mandate.platform.query;

/**
 * A filtered, sorted, paged query. {@code sortBy} names one of the sort keys the boundary accepts
 * (anything else is refused); the order is always completed by the id, so pages are stable.
 */
public record Search(Criteria where, String sortBy, boolean descending, int offset, int limit) {}
