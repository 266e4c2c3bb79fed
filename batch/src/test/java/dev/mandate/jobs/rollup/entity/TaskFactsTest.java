package dev.mandate.jobs.rollup.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TaskFactsTest {

    @Test
    void aReportedOutcomeWinsOverWhatMandateSaw() {
        TaskFacts failedButReportedResolved = new TaskFacts(
                "a",
                "t",
                "pay-invoice",
                Tasks.NINE,
                Tasks.NINE,
                1,
                0,
                1,
                BigDecimal.ONE,
                1,
                3,
                2,
                BigDecimal.ONE,
                1,
                0,
                Tasks.NINE,
                1,
                "ABANDONED",
                60L,
                0);
        assertThat(failedButReportedResolved.state()).isEqualTo(TaskState.ABANDONED);
        assertThat(failedButReportedResolved.latencyMillis()).isEqualTo(60_000L);
    }

    @Test
    void withoutAReportEscalationComesFirstThenFailureThenSuccessThenDenial() {
        TaskFacts escalatedAndExecuted = new TaskFacts(
                "a",
                "t",
                "pay-invoice",
                Tasks.NINE,
                Tasks.NINE,
                2,
                0,
                0,
                BigDecimal.ZERO,
                1,
                1,
                0,
                BigDecimal.ZERO,
                0,
                1,
                Tasks.NINE,
                1,
                null,
                null,
                0);
        assertThat(escalatedAndExecuted.state()).isEqualTo(TaskState.ESCALATED);
        assertThat(Tasks.executed("0.1", "0.2", 3, false, 5).state()).isEqualTo(TaskState.FAILED);
        assertThat(Tasks.executed("0.1", "0.2", 1, true, 5).state()).isEqualTo(TaskState.RESOLVED);
        assertThat(Tasks.denied(2).state()).isEqualTo(TaskState.DENIED);
        TaskFacts allowedNotExecuted = new TaskFacts(
                "a",
                "t",
                "pay-invoice",
                Tasks.NINE,
                Tasks.NINE,
                1,
                0,
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
        assertThat(allowedNotExecuted.state()).isEqualTo(TaskState.OPEN);
        assertThat(allowedNotExecuted.latencyMillis()).isNull();
    }

    @Test
    void anUnreportedTaskTakesFromItsFirstEnvelopeToTheLastThingSeen() {
        assertThat(Tasks.executed("0", "0", 1, true, 5).latencyMillis()).isEqualTo(300_000L);
        assertThat(Tasks.denied(3).latencyMillis()).isEqualTo(30_000L);
    }

    @Test
    void costIsModelUsagePlusToolCallsPlusReviewTimeAtTheRate() {
        TaskFacts task = new TaskFacts(
                "a",
                "t",
                "pay-invoice",
                Tasks.NINE,
                Tasks.NINE,
                1,
                0,
                0,
                new BigDecimal("0.02"),
                1,
                3,
                2,
                new BigDecimal("0.30"),
                0,
                1,
                Tasks.NINE,
                0,
                "RESOLVED",
                100L,
                1800);
        // 0.02 + 0.30 + half an hour at 40
        assertThat(task.cost(new BigDecimal("40"))).isEqualByComparingTo("20.32");
        assertThat(task.cost(null)).isEqualByComparingTo("0.32");
        assertThat(task.reviewHours()).isEqualByComparingTo("0.5");
    }
}
