package dev.mandate.notification.entity;

import java.util.List;

/** One page of the delivery log, newest first; {@code nextCursor} is null on the last page. */
public record DeliveryPage(List<Delivery> items, int limit, String nextCursor) {}
