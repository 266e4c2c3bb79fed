package dev.mandate.jobs.rollup.entity;

import java.time.LocalDate;
import java.util.List;

/** A day's rollup rows, all of them: the writer replaces the day's rows with exactly these. */
public record DayRollup(LocalDate day, List<RollupRow> rows) {}
