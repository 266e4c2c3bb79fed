package dev.mandate.jobs.schedule.control;

import jakarta.ejb.ScheduleExpression;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A job's schedule as an operator writes it in configuration: the five fields of cron, {@code minute hour
 * day-of-month month day-of-week} ({@code 0 2 * * *} is 02:00 every day), each {@code *}, a number, a range
 * {@code a-b} or a list {@code a,b-c}; minute and hour also take steps ({@code *}{@code /15}, {@code 5/20}: from 5, every 20).
 * Day of week 0-7, 0 and 7 being Sunday. This is the subset EJB calendar timers run as cron means it.
 */
public record CronSchedule(String minute, String hour, String dayOfMonth, String month, String dayOfWeek) {

    private static final Pattern VALUE = Pattern.compile("\\d{1,2}");
    private static final Pattern RANGE = Pattern.compile("(\\d{1,2})-(\\d{1,2})");
    private static final Pattern STEP = Pattern.compile("(\\*|\\d{1,2})/(\\d{1,2})");

    /** The schedule {@code text} says; empty when it is blank (the job is not scheduled). */
    public static Optional<CronSchedule> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String[] fields = text.trim().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException(
                    "a schedule has five fields, 'minute hour day-of-month month day-of-week' (e.g. '0 2 * * *'),"
                            + " not " + fields.length);
        }
        return Optional.of(new CronSchedule(
                field("minute", fields[0], 0, 59, true),
                field("hour", fields[1], 0, 23, true),
                field("day of month", fields[2], 1, 31, false),
                field("month", fields[3], 1, 12, false),
                field("day of week", fields[4], 0, 7, false)));
    }

    /** The EJB calendar expression of this schedule in {@code zone}. */
    public ScheduleExpression expression(String zone) {
        return new ScheduleExpression()
                .second("0")
                .minute(minute)
                .hour(hour)
                .dayOfMonth(dayOfMonth)
                .month(month)
                .dayOfWeek(dayOfWeek)
                .timezone(zone);
    }

    @Override
    public String toString() {
        return String.join(" ", minute, hour, dayOfMonth, month, dayOfWeek);
    }

    private static String field(String name, String text, int min, int max, boolean steps) {
        if (text.length() > 100) {
            throw new IllegalArgumentException(name + " is too long");
        }
        for (String part : text.split(",", -1)) {
            if (part.equals("*")) {
                continue;
            }
            Matcher step = STEP.matcher(part);
            if (step.matches()) {
                if (!steps) {
                    throw new IllegalArgumentException(
                            name + " '" + text + "': steps (/n) are allowed in minute and hour only");
                }
                int by = Integer.parseInt(step.group(2));
                if (by < 1 || by > max) {
                    throw new IllegalArgumentException(name + " '" + text + "': a step is from 1 to " + max);
                }
                if (!step.group(1).equals("*")) {
                    within(name, text, step.group(1), min, max);
                }
                continue;
            }
            within(name, text, part, min, max);
        }
        return text.toLowerCase(Locale.ROOT);
    }

    private static void within(String name, String text, String part, int min, int max) {
        Matcher range = RANGE.matcher(part);
        if (range.matches()) {
            int from = Integer.parseInt(range.group(1));
            int to = Integer.parseInt(range.group(2));
            if (from < min || to > max || from > to) {
                throw new IllegalArgumentException(
                        name + " '" + text + "': a range a-b has " + min + " <= a <= b <= " + max);
            }
        } else if (VALUE.matcher(part).matches()) {
            int value = Integer.parseInt(part);
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " '" + text + "': from " + min + " to " + max);
            }
        } else {
            throw new IllegalArgumentException(
                    name + " '" + text + "': '*', a number, a range a-b or a list of them, not '" + part + "'");
        }
    }
}
