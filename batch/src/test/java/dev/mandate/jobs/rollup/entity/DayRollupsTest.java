package dev.mandate.jobs.rollup.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.jobs.rollup.control.DayRollups;
import dev.mandate.jobs.rollup.control.RollupSources;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DayRollupsTest {

    private static final Map<String, RollupSources.TaskTypeInfo> TYPES =
            Map.of("pay-invoice", new RollupSources.TaskTypeInfo("ap", RollupRow.Targets.NONE));

    @Test
    void oneRowPerGroupWithTheTaskTypesBaselineOrElseTheWorkflows() {
        RoiInputs workflow = new RoiInputs(BigDecimal.TEN, BigDecimal.ONE, BigDecimal.ONE);

        DayRollup day = DayRollups.of(
                Groups.DAY,
                List.of(Groups.of("agent-1", 2, 1, "1", "0", "1"), Groups.of("agent-2", 1, 1, "1", "0", "1")),
                TYPES,
                Map.of("ap\u0000", workflow));

        assertThat(day.day()).isEqualTo(Groups.DAY);
        assertThat(day.rows()).extracting(RollupRow::agentId).containsExactly("agent-1", "agent-2");
        assertThat(day.rows()).extracting(RollupRow::tasks).containsExactly(2, 1);
        assertThat(day.rows()).extracting(RollupRow::workflow).containsOnly("ap");
        assertThat(day.rows())
                .allSatisfy(row -> assertThat(row.roi().baselineCostPerItem()).isEqualTo("10"));
    }

    @Test
    void aTaskTypeNoLongerInTheTaxonomyKeepsItsRowUnderNoWorkflow() {
        TaskGroup gone = Groups.of("agent-1", 1, 1, "1", "0", "1");
        DayRollup day = DayRollups.of(Groups.DAY, List.of(gone), Map.of(), Map.of());
        assertThat(day.rows()).extracting(RollupRow::workflow).containsExactly("");
        assertThat(day.rows().get(0).roi()).isNull();
    }

    @Test
    void aDayWhoseMoneyDoesNotFitIsRejectedNamingTheGroup() {
        TaskGroup huge = Groups.of("agent-1", 1, 1, "99999999999999", "0", "99999999999999");
        assertThatThrownBy(() -> DayRollups.of(Groups.DAY, List.of(huge), TYPES, Map.of()))
                .isInstanceOf(RollupDayRejected.class)
                .hasMessageContaining("pay-invoice / agent-1");
    }

    @Test
    void aDayWhoseCountsDoNotFitIsRejectedNamingTheGroup() {
        TaskGroup many = Groups.of("agent-1", 1L + Integer.MAX_VALUE, 0, "0", "0", "0");
        assertThatThrownBy(() -> DayRollups.of(Groups.DAY, List.of(many), TYPES, Map.of()))
                .isInstanceOf(RollupDayRejected.class)
                .hasMessageContaining("pay-invoice / agent-1");
    }
}
