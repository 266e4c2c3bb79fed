package dev.mandate.jobs.rollup.control;

import dev.mandate.jobs.rollup.entity.DayRollup;
import dev.mandate.jobs.rollup.entity.RoiInputs;
import dev.mandate.jobs.rollup.entity.RollupDayRejected;
import dev.mandate.jobs.rollup.entity.RollupRow;
import dev.mandate.jobs.rollup.entity.TaskFacts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Groups a day's tasks by task type and agent and computes each group's row. */
public final class DayRollups {

    /** numeric(19, 6): 13 digits before the point. */
    private static final BigDecimal MAX_MONEY = new BigDecimal("1e13");

    /** Task types no longer in the taxonomy keep their rows, under no workflow. */
    static final String NO_WORKFLOW = "";

    private DayRollups() {}

    public static DayRollup of(
            LocalDate day,
            Collection<TaskFacts> tasks,
            Map<String, RollupSources.TaskTypeInfo> taskTypes,
            Map<String, RoiInputs> baselines) {
        Map<List<String>, List<TaskFacts>> groups = new TreeMap<>(DayRollups::compare);
        for (TaskFacts task : tasks) {
            groups.computeIfAbsent(List.of(task.taskType(), task.agentId()), k -> new ArrayList<>())
                    .add(task);
        }
        List<RollupRow> rows = new ArrayList<>();
        for (Map.Entry<List<String>, List<TaskFacts>> group : groups.entrySet()) {
            String taskType = group.getKey().get(0);
            RollupSources.TaskTypeInfo info = taskTypes.get(taskType);
            String workflow = info == null ? NO_WORKFLOW : info.workflow();
            RollupRow row;
            try {
                row = RollupRow.of(
                        day,
                        workflow,
                        taskType,
                        group.getKey().get(1),
                        group.getValue(),
                        info == null ? RollupRow.Targets.NONE : info.targets(),
                        RollupSources.baselineOf(baselines, workflow, taskType));
            } catch (ArithmeticException e) {
                throw new RollupDayRejected(
                        day, taskType + " / " + group.getKey().get(1) + ": " + e.getMessage());
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

    private static int compare(List<String> a, List<String> b) {
        int first = a.get(0).compareTo(b.get(0));
        return first != 0 ? first : a.get(1).compareTo(b.get(1));
    }
}
