package dev.mandate.jobs.schedule.control;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The scheduled minute a timer fired for. Every server's timer fires for the same minute a little apart (its
 * own clock, its own load); rounded to the nearest minute, all of them name the same slot, so the lease on it
 * is one row whoever asks first. Holds while clocks agree within half a minute.
 */
public final class ScheduledSlot {

    private ScheduledSlot() {}

    public static Instant of(Instant fired) {
        return fired.plusSeconds(30).truncatedTo(ChronoUnit.MINUTES);
    }
}
