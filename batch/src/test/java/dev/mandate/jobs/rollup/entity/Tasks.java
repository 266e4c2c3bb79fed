package dev.mandate.jobs.rollup.entity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Task facts for the tests: a task with one envelope at 09:00 of 2026-11-30 and nothing else, then variations. */
final class Tasks {

    static final OffsetDateTime NINE = OffsetDateTime.of(2026, 11, 30, 9, 0, 0, 0, ZoneOffset.UTC);

    private Tasks() {}

    static TaskFacts reported(String outcome, String modelCost, long completeSeconds, long reviewSeconds) {
        return new TaskFacts(
                "agent-1",
                "task-" + outcome + modelCost,
                "pay-invoice",
                NINE,
                NINE,
                1,
                0,
                0,
                new BigDecimal(modelCost),
                0,
                0,
                0,
                BigDecimal.ZERO,
                0,
                0,
                null,
                0,
                outcome,
                completeSeconds,
                reviewSeconds);
    }

    static TaskFacts executed(String modelCost, String toolCost, int calls, boolean succeeded, int minutes) {
        return new TaskFacts(
                "agent-1",
                "task-x" + modelCost + toolCost,
                "pay-invoice",
                NINE,
                NINE,
                1,
                0,
                0,
                new BigDecimal(modelCost),
                1,
                calls,
                calls - 1,
                new BigDecimal(toolCost),
                succeeded ? 0 : 1,
                succeeded ? 1 : 0,
                NINE.plusMinutes(minutes),
                0,
                null,
                null,
                0);
    }

    static TaskFacts denied(int envelopes) {
        return new TaskFacts(
                "agent-1",
                "task-denied" + envelopes,
                "pay-invoice",
                NINE,
                NINE.plusSeconds(30),
                envelopes,
                envelopes,
                0,
                BigDecimal.ZERO,
                0,
                0,
                0,
                BigDecimal.ZERO,
                0,
                0,
                null,
                0,
                null,
                null,
                0);
    }
}
