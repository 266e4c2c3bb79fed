package dev.mandate.jobs.rollup.control;

import dev.mandate.jobs.rollup.entity.DayRollup;
import dev.mandate.jobs.rollup.entity.RoiInputs;
import dev.mandate.jobs.rollup.entity.RollupDayRejected;
import dev.mandate.jobs.rollup.entity.RollupRow;
import dev.mandate.jobs.rollup.entity.TaskGroup;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Computes a day's rows from its groups of tasks (one per task type and agent). */
public final class DayRollups {

    /** numeric(19, 6): 13 digits before the point. */
    private static final BigDecimal MAX_MONEY = new BigDecimal("1e13");

    /** Task types no longer in the taxonomy keep their rows, under no workflow. */
    static final String NO_WORKFLOW = "";

    private DayRollups() {}

    /** The day's rows, one per group, in the order of the groups (task type, then agent). */
    public static DayRollup of(
            LocalDate day,
            List<TaskGroup> groups,
            Map<String, RollupSources.TaskTypeInfo> taskTypes,
            Map<String, RoiInputs> baselines) {
        List<RollupRow> rows = new ArrayList<>();
        for (TaskGroup group : groups) {
            RollupSources.TaskTypeInfo info = taskTypes.get(group.taskType());
            String workflow = info == null ? NO_WORKFLOW : info.workflow();
            RollupRow row;
            try {
                row = RollupRow.of(
                        workflow,
                        group,
                        info == null ? RollupRow.Targets.NONE : info.targets(),
                        RollupSources.baselineOf(baselines, workflow, group.taskType()));
            } catch (ArithmeticException e) {
                throw new RollupDayRejected(day, group.taskType() + " / " + group.agentId() + ": " + e.getMessage());
            }
            check(row);
            rows.add(row);
        }
        return new DayRollup(day, List.copyOf(rows));
    }

    private static void check(RollupRow row) {
        List<BigDecimal> money = new ArrayList<>(List.of(
                row.modelCost(),
                row.toolCost(),
                row.reviewHours(),
                row.reviewCost(),
                row.totalCost(),
                row.costPerTask()));
        if (row.roi() != null) {
            money.add(row.roi().value());
            money.add(row.roi().hoursSaved());
        }
        for (BigDecimal amount : money) {
            if (amount.abs().compareTo(MAX_MONEY) >= 0) {
                throw new RollupDayRejected(
                        row.day(),
                        row.taskType() + " / " + row.agentId() + ": an amount of " + amount.toPlainString()
                                + " does not fit the rollup's 13 digits");
            }
        }
    }
}
