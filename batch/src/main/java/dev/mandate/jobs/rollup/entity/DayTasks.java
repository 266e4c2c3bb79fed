package dev.mandate.jobs.rollup.entity;

import java.time.LocalDate;
import java.util.List;

/** A day to roll up with its groups of tasks (none for a day without tasks: its rows are removed). */
public record DayTasks(LocalDate day, List<TaskGroup> groups) {}
