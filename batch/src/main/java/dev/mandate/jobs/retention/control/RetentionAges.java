package dev.mandate.jobs.retention.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How old what retention deletes must be. Idempotency keys: at least 24 hours (the IETF draft's promise),
 * as {@code mandate.idempotency.keep-hours}; rate buckets: older than any rate window reads. Audit summaries:
 * only when an age is configured or given for the run, in whole days from 0 (everything recorded so far).
 */
public final class RetentionAges {

    public static final long MIN_IDEMPOTENCY_HOURS = 24;
    public static final long MAX_DAYS = 36_500;

    private RetentionAges() {}

    public static Instant idempotencyKeysBefore(Instant now, long keepHours) {
        return now.minus(Duration.ofHours(Math.max(MIN_IDEMPOTENCY_HOURS, keepHours)));
    }

    /**
     * The time before which audit summaries are redacted: the run's parameter if given, else the configured
     * days; empty when neither says (no redaction). A value that is not a whole number of days from 0 to
     * {@value #MAX_DAYS} is refused: a typo must not redact the whole audit.
     */
    public static Optional<Instant> auditSummariesBefore(Instant now, String parameter, Optional<String> configured) {
        String days = parameter != null && !parameter.isBlank() ? parameter : configured.orElse("");
        if (days.isBlank()) {
            return Optional.empty();
        }
        String trimmed = days.trim();
        if (trimmed.length() > 5 || !trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(
                    "audit summary retention must be whole days from 0 to " + MAX_DAYS + ", not '" + days + "'");
        }
        long value = Long.parseLong(trimmed);
        if (value > MAX_DAYS) {
            throw new IllegalArgumentException(
                    "audit summary retention must be whole days from 0 to " + MAX_DAYS + ", not '" + days + "'");
        }
        return Optional.of(now.minus(Duration.ofDays(value)));
    }
}
