package dev.mandate.decision.control;

import java.util.Map;

/**
 * The windows rate rules read, counted from buckets: {@code agent_minute} sums the agent's 5-second
 * buckets of the last minute, {@code agent_hour} its 1-minute buckets of the last hour, and
 * {@code agent_tool_hour} those of one tool. A window starts at the start of the bucket holding its
 * first instant, so it may count up to one bucket (5 s, 1 min) more than exactly: a limit can bite a
 * little early, never late.
 */
public final class RateWindows {

    public static final int FINE_SPAN = 5;
    public static final int COARSE_SPAN = 60;
    public static final long MINUTE = 60;
    public static final long HOUR = 3600;
    /** How long buckets are kept: the longest window and a margin. */
    public static final long KEEP_SECONDS = 2 * HOUR;

    private RateWindows() {}

    /** The start (epoch seconds) of the bucket of {@code span} seconds holding {@code epochSecond}. */
    public static long bucket(long epochSecond, int span) {
        return Math.floorDiv(epochSecond, span) * (long) span;
    }

    /** The first fine bucket of the minute ending at {@code now}. */
    public static long minuteFrom(long now) {
        return bucket(now - MINUTE, FINE_SPAN);
    }

    /** The first coarse bucket of the hour ending at {@code now}. */
    public static long hourFrom(long now) {
        return bucket(now - HOUR, COARSE_SPAN);
    }

    /** One summed row: the envelopes of a tool in the fine (minute) or coarse (hour) window. */
    public record Sum(int span, String tool, long envelopes) {}

    /** The counters rules read, from the sums of both windows over every tool of the agent. */
    public static Map<String, Object> counters(Iterable<Sum> sums, String tool) {
        long minute = 0;
        long hour = 0;
        long toolHour = 0;
        for (Sum sum : sums) {
            if (sum.span() == FINE_SPAN) {
                minute += sum.envelopes();
            } else {
                hour += sum.envelopes();
                if (sum.tool().equals(tool)) {
                    toolHour += sum.envelopes();
                }
            }
        }
        return Map.of("agent_minute", minute, "agent_hour", hour, "agent_tool_hour", toolHour);
    }
}
