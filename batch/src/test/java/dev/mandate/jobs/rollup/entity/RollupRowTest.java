package dev.mandate.jobs.rollup.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RollupRowTest {

    private static final RollupRow.Targets TARGETS =
            new RollupRow.Targets(new BigDecimal("0.9000"), new BigDecimal("0.1000"));

    @Test
    void countsRatesCostsAndPercentilesOfOneGroup() {
        RollupRow row = RollupRow.of("ap", Groups.sixTasks(), TARGETS, null);

        assertThat(row.day()).isEqualTo(Groups.DAY);
        assertThat(row.tasks()).isEqualTo(6);
        assertThat(row.resolved()).isEqualTo(4);
        assertThat(row.escalated()).isEqualTo(1);
        assertThat(row.denied()).isEqualTo(1);
        assertThat(row.envelopes()).isEqualTo(7);
        assertThat(row.deniedEnvelopes()).isEqualTo(2);
        assertThat(row.toolCalls()).isEqualTo(3);
        assertThat(row.retries()).isEqualTo(2);
        assertThat(row.successRate()).isEqualByComparingTo("0.666667");
        assertThat(row.escalationRate()).isEqualByComparingTo("0.166667");
        assertThat(row.meetsSuccessTarget()).isFalse();
        assertThat(row.withinEscalationBudget()).isFalse();
        assertThat(row.totalCost()).isEqualByComparingTo("16.5");
        assertThat(row.costPerTask()).isEqualByComparingTo("2.75");
        assertThat(row.reviewCost()).isEqualByComparingTo("0");
        assertThat(row.resolvedCostP50()).isEqualByComparingTo("2.5");
        assertThat(row.resolvedCostP95()).isEqualByComparingTo("8.95");
        // percentiles in whole milliseconds, half up
        assertThat(row.latencyP50Millis()).isEqualTo(150_000L);
        assertThat(row.latencyP95Millis()).isEqualTo(600_000L);
        assertThat(row.roi()).isNull();
    }

    @Test
    void roiIsResolvedTimesTheSavingPerItemPlusTheHoursSavedAtTheRate() {
        // cost: model 1 + 1 + 2, no tool, an hour of review at 40 = 44, per task 14.666667
        TaskGroup group = Groups.of("agent-1", 3, 2, "4", "0", "44");
        RoiInputs baseline = new RoiInputs(new BigDecimal("12.5"), new BigDecimal("15"), new BigDecimal("40"));

        RollupRow row = RollupRow.of("ap", group, TARGETS, baseline);

        assertThat(row.reviewCost()).isEqualByComparingTo("40");
        assertThat(row.costPerTask()).isEqualByComparingTo("14.666667");
        Roi roi = row.roi();
        assertThat(roi.hoursSaved()).isEqualByComparingTo("0.5");
        // 2 × (12.5 − 14.666667) + 0.5 × 40 = 15.666666
        assertThat(roi.value()).isEqualByComparingTo("15.666666");
        assertThat(roi.baselineCostPerItem()).isEqualByComparingTo("12.5");
        assertThat(roi.hourlyRate()).isEqualByComparingTo("40");
    }

    @Test
    void aGroupWithoutResolvedTasksHasNoCostPercentiles() {
        RollupRow row = RollupRow.of("ap", Groups.of("agent-1", 1, 0, "0", "0", "0"), null, null);
        assertThat(row.resolvedCostP50()).isNull();
        assertThat(row.resolvedCostP95()).isNull();
        assertThat(row.successRate()).isEqualByComparingTo("0");
        assertThat(row.meetsSuccessTarget()).isNull();
    }

    @Test
    void aCountPastThirtyTwoBitsIsRefused() {
        TaskGroup group = Groups.of("agent-1", 1L + Integer.MAX_VALUE, 0, "0", "0", "0");
        assertThatThrownBy(() -> RollupRow.of("ap", group, null, null)).isInstanceOf(ArithmeticException.class);
    }
}
