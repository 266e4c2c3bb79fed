package dev.mandate.jobs.rollup.entity;

import java.time.LocalDate;

/**
 * A day whose figures cannot be stored (a count beyond an integer, money beyond the columns' 13 digits):
 * the job skips the day, records why, and leaves the day's earlier rows as they were. The only exception
 * the rollup skips.
 */
public class RollupDayRejected extends RuntimeException {

    private final LocalDate day;

    public RollupDayRejected(LocalDate day, String reason) {
        super(reason);
        this.day = day;
    }

    public LocalDate day() {
        return day;
    }
}
