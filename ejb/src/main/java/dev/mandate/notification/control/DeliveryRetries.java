package dev.mandate.notification.control;

import dev.mandate.execution.control.RetryBackoff;
import dev.mandate.notification.entity.DeliveryStatus;
import dev.mandate.platform.config.ConfigKey;
import java.time.Instant;

/**
 * What follows a failed attempt: another one after the executions' backoff (1 s, 2 s, 4 s … at most 60 s,
 * jittered; never sooner than the receiver's {@code Retry-After}), or FAILED once the delivery has had its
 * attempts ({@code mandate.notifications.max-attempts}).
 */
public final class DeliveryRetries {

    static final int DEFAULT_MAX_ATTEMPTS = 10;
    static final int MOST_ATTEMPTS = 100;

    private DeliveryRetries() {}

    /** The delivery's state after a failed attempt; {@code nextAttemptAt} matters only when PENDING. */
    public record Next(DeliveryStatus status, Instant nextAttemptAt) {}

    public static Next afterFailure(int attemptsMade, int attemptLimit, Instant now, long retryAfterMillis) {
        if (attemptsMade >= attemptLimit) {
            return new Next(DeliveryStatus.FAILED, now);
        }
        return new Next(DeliveryStatus.PENDING, now.plus(RetryBackoff.after(attemptsMade, retryAfterMillis)));
    }

    /** Attempts a delivery gets (and a redelivery adds): the configured number, from 1 to {@value #MOST_ATTEMPTS}. */
    public static int maxAttempts() {
        int configured =
                ConfigKey.NOTIFICATIONS_MAX_ATTEMPTS.lookup(Integer.class).orElse(DEFAULT_MAX_ATTEMPTS);
        return Math.max(1, Math.min(MOST_ATTEMPTS, configured));
    }
}
