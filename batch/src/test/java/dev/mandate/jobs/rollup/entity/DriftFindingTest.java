package dev.mandate.jobs.rollup.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DriftFindingTest {

    private static final BigDecimal FIVE_POINTS = new BigDecimal("0.05");

    // last 30 days: 100 tasks, 90 resolved, 5 escalated, 200 envelopes, 10 denied, cost 100
    private static final DriftWindow MONTH = new DriftWindow(100, 90, 5, 200, 10, new BigDecimal("100"));

    @Test
    void aSuccessRateFallingMoreThanTheThresholdIsFlagged() {
        DriftWindow week = new DriftWindow(20, 16, 1, 40, 2, new BigDecimal("20"));
        DriftFinding success = DriftFinding.of("pay-invoice", DriftMetric.SUCCESS_RATE, week, MONTH, FIVE_POINTS);
        assertThat(success.recent()).isEqualByComparingTo("0.8");
        assertThat(success.reference()).isEqualByComparingTo("0.9");
        assertThat(success.change()).isEqualByComparingTo("-0.1");
        assertThat(success.flagged()).isTrue();
        assertThat(success.recentTasks()).isEqualTo(20);
    }

    @Test
    void aSuccessRateRisingIsNeverFlaggedNorIsAChangeWithinTheThreshold() {
        DriftWindow better = new DriftWindow(20, 20, 1, 40, 2, new BigDecimal("20"));
        assertThat(DriftFinding.of("t", DriftMetric.SUCCESS_RATE, better, MONTH, FIVE_POINTS)
                        .flagged())
                .isFalse();
        DriftWindow slightlyWorse = new DriftWindow(100, 86, 5, 200, 10, new BigDecimal("100"));
        assertThat(DriftFinding.of("t", DriftMetric.SUCCESS_RATE, slightlyWorse, MONTH, FIVE_POINTS)
                        .flagged())
                .isFalse();
    }

    @Test
    void escalationsDenialsAndCostAreWorseWhenTheyRise() {
        DriftWindow week = new DriftWindow(10, 9, 3, 20, 5, new BigDecimal("13"));
        assertThat(DriftFinding.of("t", DriftMetric.ESCALATION_RATE, week, MONTH, FIVE_POINTS)
                        .change())
                .isEqualByComparingTo("0.25");
        assertThat(DriftFinding.of("t", DriftMetric.DENIAL_RATE, week, MONTH, FIVE_POINTS)
                        .flagged())
                .isTrue();
        DriftFinding cost = DriftFinding.of("t", DriftMetric.COST_PER_TASK, week, MONTH, new BigDecimal("0.2"));
        // 1.3 per task against 1.0: +30 %
        assertThat(cost.change()).isEqualByComparingTo("0.3");
        assertThat(cost.flagged()).isTrue();
        assertThat(DriftFinding.of("t", DriftMetric.COST_PER_TASK, week, MONTH, new BigDecimal("0.3"))
                        .flagged())
                .isFalse();
    }

    @Test
    void aWeekWithoutTasksHasNoValueAndNoFlag() {
        DriftFinding none = DriftFinding.of("t", DriftMetric.SUCCESS_RATE, DriftWindow.EMPTY, MONTH, FIVE_POINTS);
        assertThat(none.recent()).isNull();
        assertThat(none.change()).isNull();
        assertThat(none.flagged()).isFalse();
    }
}
