package dev.mandate.jobs.rollup.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.jobs.rollup.control.DayRollups;
import dev.mandate.jobs.rollup.control.RollupSources;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DayRollupsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);
    private static final Map<String, RollupSources.TaskTypeInfo> TYPES =
            Map.of("pay-invoice", new RollupSources.TaskTypeInfo("ap", RollupRow.Targets.NONE));

    @Test
    void oneRowPerTaskTypeAndAgentWithTheTaskTypesBaselineOrElseTheWorkflows() {
        TaskFacts other = new TaskFacts(
                "agent-2",
                "t",
                "pay-invoice",
                Tasks.NINE,
                Tasks.NINE,
                1,
                0,
                0,
                BigDecimal.ONE,
                0,
                0,
                0,
                BigDecimal.ZERO,
                0,
                0,
                null,
                0,
                "RESOLVED",
                5L,
                0);
        RoiInputs workflow = new RoiInputs(BigDecimal.TEN, BigDecimal.ONE, BigDecimal.ONE);

        DayRollup day = DayRollups.of(
                DAY,
                List.of(Tasks.reported("RESOLVED", "1", 60, 0), Tasks.denied(1), other),
                TYPES,
                Map.of("ap\u0000", workflow));

        assertThat(day.rows()).extracting(RollupRow::agentId).containsExactly("agent-1", "agent-2");
        assertThat(day.rows()).extracting(RollupRow::tasks).containsExactly(2, 1);
        assertThat(day.rows())
                .allSatisfy(row -> assertThat(row.roi().baselineCostPerItem()).isEqualTo("10"));
    }

    @Test
    void aDayWhoseMoneyDoesNotFitIsRejectedNamingTheGroup() {
        TaskFacts huge = Tasks.reported("RESOLVED", "99999999999999", 60, 0);
        assertThatThrownBy(() -> DayRollups.of(DAY, List.of(huge), TYPES, Map.of()))
                .isInstanceOf(RollupDayRejected.class)
                .hasMessageContaining("pay-invoice / agent-1");
    }
}
