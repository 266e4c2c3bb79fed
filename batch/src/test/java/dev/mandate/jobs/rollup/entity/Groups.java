package dev.mandate.jobs.rollup.entity;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Groups of tasks as the database sums them up, for the tests. */
final class Groups {

    static final LocalDate DAY = LocalDate.of(2026, 11, 30);

    private Groups() {}

    /** 6 tasks of agent-1: 4 resolved (costs 1, 2, 3, 10), 1 escalated, 1 denied; 3 tool calls, 2 retries. */
    static TaskGroup sixTasks() {
        return new TaskGroup(
                DAY,
                "pay-invoice",
                "agent-1",
                6,
                4,
                1,
                0,
                0,
                1,
                0,
                7,
                2,
                3,
                2,
                new BigDecimal("10.5"),
                new BigDecimal("6"),
                BigDecimal.ZERO,
                new BigDecimal("16.5"),
                new BigDecimal("2.5"),
                new BigDecimal("8.95"),
                new BigDecimal("150000.0"),
                new BigDecimal("599999.6"));
    }

    /** {@code tasks} tasks of {@code agent}, {@code resolved} of them resolved, costing {@code total}. */
    static TaskGroup of(String agent, long tasks, long resolved, String model, String tool, String total) {
        return new TaskGroup(
                DAY,
                "pay-invoice",
                agent,
                tasks,
                resolved,
                0,
                tasks - resolved,
                0,
                0,
                0,
                tasks,
                0,
                tasks,
                0,
                new BigDecimal(model),
                new BigDecimal(tool),
                BigDecimal.ONE,
                new BigDecimal(total),
                resolved == 0 ? null : BigDecimal.ONE,
                resolved == 0 ? null : BigDecimal.ONE,
                new BigDecimal("60000"),
                new BigDecimal("60000"));
    }
}
