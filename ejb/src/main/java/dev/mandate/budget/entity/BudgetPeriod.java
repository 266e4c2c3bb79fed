package dev.mandate.budget.entity;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/** Budget periods, in UTC: a day, or an ISO week starting Monday. */
public enum BudgetPeriod {
    DAY,
    WEEK;

    public LocalDate currentStart() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return this == DAY ? today : today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
