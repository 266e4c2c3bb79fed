package dev.mandate.jobs.rollup.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollupRowTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);
    private static final RollupRow.Targets TARGETS =
            new RollupRow.Targets(new BigDecimal("0.9000"), new BigDecimal("0.1000"));

    @Test
    void countsRatesCostsAndPercentilesOfOneGroup() {
        List<TaskFacts> tasks = List.of(
                Tasks.reported("RESOLVED", "1", 60, 0),
                Tasks.reported("RESOLVED", "2", 120, 0),
                Tasks.reported("RESOLVED", "3", 180, 0),
                Tasks.executed("4", "6", 3, true, 10), // resolved by execution, cost 10, two retries
                Tasks.reported("ESCALATED", "0.5", 600, 0),
                Tasks.denied(2));

        RollupRow row = RollupRow.of(DAY, "ap", "pay-invoice", "agent-1", tasks, TARGETS, null);

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
        // resolved costs 1, 2, 3, 10
        assertThat(row.resolvedCostP50()).isEqualByComparingTo("2.5");
        assertThat(row.resolvedCostP95()).isEqualByComparingTo("8.95");
        // latencies 60 s, 120 s, 180 s, 600 s, 600 s (executed: 10 min), 30 s
        assertThat(row.latencyP50Millis()).isEqualTo(150_000L);
        assertThat(row.latencyP95Millis()).isEqualTo(600_000L);
        assertThat(row.roi()).isNull();
    }

    @Test
    void roiIsResolvedTimesTheSavingPerItemPlusTheHoursSavedAtTheRate() {
        List<TaskFacts> tasks = List.of(
                Tasks.reported("RESOLVED", "1", 60, 0),
                Tasks.reported("RESOLVED", "1", 60, 0),
                Tasks.reported("FAILED", "2", 60, 3600));
        RoiInputs baseline = new RoiInputs(new BigDecimal("12.5"), new BigDecimal("15"), new BigDecimal("40"));

        RollupRow row = RollupRow.of(DAY, "ap", "pay-invoice", "agent-1", tasks, TARGETS, baseline);

        // cost: 1 + 1 + 2 + an hour of review at 40 = 44, per task 14.666667
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
        RollupRow row = RollupRow.of(DAY, "ap", "pay-invoice", "agent-1", List.of(Tasks.denied(1)), null, null);
        assertThat(row.resolvedCostP50()).isNull();
        assertThat(row.resolvedCostP95()).isNull();
        assertThat(row.successRate()).isEqualByComparingTo("0");
        assertThat(row.meetsSuccessTarget()).isNull();
    }
}
