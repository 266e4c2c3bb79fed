package dev.mandate.notification.entity;

/** Where a delivery stands. */
public enum DeliveryStatus {
    /** waiting for its next attempt ({@code nextAttemptAt}) */
    PENDING,
    /** a server is sending it under a short lease; when the lease runs out it is taken again */
    SENDING,
    /** the receiver answered 2xx */
    DELIVERED,
    /** no attempts left, or its subscription is gone or disabled; may be redelivered */
    FAILED
}
