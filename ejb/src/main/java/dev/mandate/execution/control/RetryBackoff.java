package dev.mandate.execution.control;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try again: exponential (1 s, 2 s, 4 s … at most 60 s) with full jitter between half and the
 * whole interval, so that many executions failing together do not come back together; never sooner than
 * the tool's {@code Retry-After}.
 */
public final class RetryBackoff {

    static final long FIRST_MILLIS = 1_000;
    static final long CAP_MILLIS = 60_000;

    private RetryBackoff() {}

    public static Duration after(int attemptsMade, long retryAfterMillis) {
        long interval = Math.min(CAP_MILLIS, FIRST_MILLIS << Math.min(Math.max(attemptsMade - 1, 0), 16));
        long jittered = interval / 2 + ThreadLocalRandom.current().nextLong(interval / 2 + 1);
        return Duration.ofMillis(Math.max(jittered, retryAfterMillis));
    }
}
