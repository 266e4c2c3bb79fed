package dev.mandate.jobs.rollup.boundary;

import dev.mandate.platform.config.ConfigKey;
import jakarta.batch.runtime.context.JobContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/**
 * The cost rollup job ({@code META-INF/batch-jobs/cost-rollup.xml}): its tenant, and the days it rolls up,
 * {@code from} to {@code to} (ISO dates, UTC), by default the last {@code mandate.rollup.days} days up to
 * today.
 */
final class RollupJob {

    /** At most this many days in one run (a typo in a year would otherwise mean years of days). */
    static final int MAX_DAYS = 3660;

    private RollupJob() {}

    record Days(LocalDate from, LocalDate to) {}

    static String tenant(JobContext job) {
        String tenant = job.getProperties().getProperty("tenant");
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalStateException("the rollup of job execution " + job.getExecutionId() + " has no tenant");
        }
        return tenant;
    }

    static Days days(JobContext job) {
        return days(job.getProperties(), LocalDate.now(ZoneOffset.UTC), ConfigKey.ROLLUP_DAYS.get(Integer.class));
    }

    static Days days(Properties properties, LocalDate today, int defaultDays) {
        LocalDate to = date(properties, "to", today);
        LocalDate from = date(properties, "from", to.minusDays(defaultDays - 1L));
        if (from.isAfter(to) || from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new IllegalArgumentException(
                    "the rollup's days run from " + from + " to " + to + ": at most " + MAX_DAYS + " days, in order");
        }
        return new Days(from, to);
    }

    private static LocalDate date(Properties properties, String name, LocalDate fallback) {
        String value = properties.getProperty(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("job parameter " + name + " is not an ISO date: " + value);
        }
    }
}
