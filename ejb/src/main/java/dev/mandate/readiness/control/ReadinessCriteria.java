package dev.mandate.readiness.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.readiness.entity.AgentRollback;
import dev.mandate.readiness.entity.AuditEvidence;
import dev.mandate.readiness.entity.Criterion;
import dev.mandate.readiness.entity.CriterionResult;
import dev.mandate.readiness.entity.GateEvidence;
import dev.mandate.readiness.entity.RoutingEvidence;
import dev.mandate.report.entity.TaskTypeRollups;
import dev.mandate.taxonomy.entity.TaskTypeDefinition;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The launch criteria as pure functions of the evidence: each says met or not, and why in a sentence with
 * its numbers, names what is missing, and links the API path that shows the data (or what to fix).
 */
public final class ReadinessCriteria {

    private ReadinessCriteria() {}

    /** Every task type has a definition, success criteria and at least one refusal condition. */
    public static CriterionResult taskBoundaries(String workflow, List<TaskTypeDefinition> taskTypes) {
        String link = "/api/v1/workflows/" + workflow;
        if (taskTypes.isEmpty()) {
            return new CriterionResult(
                    Criterion.TASK_BOUNDARIES,
                    false,
                    "The workflow has no task types: nothing says what its agents do, what success is, or when"
                            + " they must refuse.",
                    link,
                    JSON.createObjectBuilder()
                            .add("taskTypes", 0)
                            .add("lacking", JSON.createArrayBuilder())
                            .build());
        }
        JsonArrayBuilder lacking = JSON.createArrayBuilder();
        List<String> named = new ArrayList<>();
        int refusals = 0;
        for (TaskTypeDefinition taskType : taskTypes) {
            refusals += taskType.refusalConditions().size();
            List<String> missing = new ArrayList<>();
            if (blank(taskType.definition())) {
                missing.add("definition");
            }
            if (blank(taskType.successCriteria())) {
                missing.add("success criteria");
            }
            if (taskType.refusalConditions().isEmpty()) {
                missing.add("refusal condition");
            }
            if (!missing.isEmpty()) {
                JsonArrayBuilder what = JSON.createArrayBuilder();
                missing.forEach(what::add);
                lacking.add(JSON.createObjectBuilder()
                        .add("taskType", taskType.key())
                        .add("missing", what));
                named.add(taskType.key() + " (no " + String.join(", no ", missing) + ")");
            }
        }
        JsonObjectBuilder details = JSON.createObjectBuilder()
                .add("taskTypes", taskTypes.size())
                .add("refusalConditions", refusals)
                .add("lacking", lacking);
        if (named.isEmpty()) {
            return new CriterionResult(
                    Criterion.TASK_BOUNDARIES,
                    true,
                    all(taskTypes.size(), "task type") + " a definition, success criteria and at least one refusal"
                            + " condition (" + count(refusals, "refusal condition") + " in all).",
                    link,
                    details.build());
        }
        return new CriterionResult(
                Criterion.TASK_BOUNDARIES,
                false,
                named.size() + " of " + count(taskTypes.size(), "task type")
                        + (named.size() == 1 ? " lacks what it needs: " : " lack what they need: ")
                        + String.join("; ", named) + ".",
                link,
                details.build());
    }

    /** The tenant's audit chains verify, by the recent job's result or verified now. */
    public static CriterionResult auditVerifies(AuditEvidence audit, Instant now) {
        String checked = count(audit.chains(), "chain") + " and " + count(audit.recordsChecked(), "record");
        String verdict = audit.valid()
                ? "all valid"
                : audit.brokenChains() + " of " + count(audit.chains(), "chain") + " broken, the first at "
                        + audit.firstBad();
        String evidence;
        String link;
        if (audit.source() == AuditEvidence.Source.NIGHTLY_JOB) {
            evidence = "The audit-verification job (execution " + audit.jobExecutionId() + ", ended "
                    + audit.verifiedAt() + ", " + ago(audit.verifiedAt(), now) + ") verified " + checked + " of the"
                    + " tenant's audit: " + verdict + ".";
            link = "/api/v1/jobs/audit-verification/executions/" + audit.jobExecutionId();
        } else {
            evidence = "Verified now, as no run of the audit-verification job is recent enough: " + checked
                    + " of the tenant's audit, " + verdict + ".";
            link = "/api/v1/audit/verify";
        }
        JsonObjectBuilder details = JSON.createObjectBuilder()
                .add("source", audit.source().name())
                .add("valid", audit.valid())
                .add("chains", audit.chains())
                .add("brokenChains", audit.brokenChains())
                .add("recordsChecked", audit.recordsChecked())
                .add("verifiedAt", audit.verifiedAt().toString());
        if (audit.jobExecutionId() != null) {
            details.add("jobExecutionId", audit.jobExecutionId());
        }
        if (audit.firstBad() != null) {
            details.add("firstBad", audit.firstBad());
        }
        return new CriterionResult(Criterion.AUDIT_VERIFIES, audit.valid(), evidence, link, details.build());
    }

    /**
     * A release gate was decided in the last {@code days} days for every task type of the workflow, and every
     * agent working on it has a previous version to roll back to.
     */
    public static CriterionResult evalsWithRollback(
            List<String> taskTypes, GateEvidence gates, List<AgentRollback> agents, int days) {
        List<String> ungated =
                taskTypes.stream().filter(t -> !gates.taskTypes().contains(t)).toList();
        List<AgentRollback> stuck =
                agents.stream().filter(a -> !a.canRollBack()).toList();
        boolean gated = !taskTypes.isEmpty() && ungated.isEmpty();
        boolean rollback = !agents.isEmpty() && stuck.isEmpty();

        StringBuilder evidence = new StringBuilder()
                .append(count(gates.gates(), "release gate"))
                .append(" decided in the last ")
                .append(count(days, "day"));
        if (gates.latestGateId() != null) {
            evidence.append(" (the latest ")
                    .append(gates.latestVerdict())
                    .append(" at ")
                    .append(gates.latestDecidedAt())
                    .append(")");
        }
        if (taskTypes.isEmpty()) {
            evidence.append("; the workflow has no task types to gate");
        } else {
            evidence.append(", covering ")
                    .append(taskTypes.size() - ungated.size())
                    .append(" of ")
                    .append(count(taskTypes.size(), "task type"));
            if (!ungated.isEmpty()) {
                evidence.append(" (no gate for ")
                        .append(String.join(", ", ungated))
                        .append(")");
            }
        }
        if (agents.isEmpty()) {
            evidence.append("; no agent works on this workflow, so none has a version to roll back to.");
        } else {
            evidence.append("; ")
                    .append(agents.size() - stuck.size())
                    .append(" of ")
                    .append(count(agents.size(), "agent"))
                    .append(" can roll back to a previous version");
            if (!stuck.isEmpty()) {
                evidence.append(" (")
                        .append(stuck.stream()
                                .map(ReadinessCriteria::whyNoRollback)
                                .collect(Collectors.joining("; ")))
                        .append(")");
            }
            evidence.append(".");
        }

        JsonObjectBuilder details = JSON.createObjectBuilder()
                .add("days", days)
                .add("gates", gates.gates())
                .add("taskTypesWithoutGate", strings(ungated))
                .add("agents", agents.size())
                .add("agentsWithoutRollback", agentArray(stuck));
        if (gates.latestGateId() != null) {
            details.add(
                    "latestGate",
                    JSON.createObjectBuilder()
                            .add("id", gates.latestGateId())
                            .add("verdict", gates.latestVerdict())
                            .add("decidedAt", gates.latestDecidedAt().toString()));
        }
        String link = !gated || stuck.isEmpty()
                ? "/api/v1/evals/gates"
                : "/api/v1/agents/" + stuck.get(0).agentId() + "/current-version";
        return new CriterionResult(
                Criterion.EVALS_WITH_ROLLBACK, gated && rollback, evidence.toString(), link, details.build());
    }

    /**
     * Every task type has a target escalation rate (the budget), and the tenant routes approvals and
     * escalations by approval policies or SLA classes of its own.
     */
    public static CriterionResult escalationBudget(
            String workflow, List<TaskTypeDefinition> taskTypes, RoutingEvidence routing) {
        List<String> withoutTarget = taskTypes.stream()
                .filter(t -> t.targets() == null || t.targets().escalationRate() == null)
                .map(TaskTypeDefinition::key)
                .toList();
        boolean budgeted = !taskTypes.isEmpty() && withoutTarget.isEmpty();

        StringBuilder evidence = new StringBuilder();
        if (taskTypes.isEmpty()) {
            evidence.append("The workflow has no task types, so no escalation budget");
        } else {
            evidence.append(taskTypes.size() - withoutTarget.size())
                    .append(" of ")
                    .append(count(taskTypes.size(), "task type"))
                    .append(" have a target escalation rate");
            String targets = taskTypes.stream()
                    .filter(t -> !withoutTarget.contains(t.key()))
                    .map(t -> t.key() + " " + percent(t.targets().escalationRate()))
                    .collect(Collectors.joining(", "));
            if (!targets.isEmpty()) {
                evidence.append(" (").append(targets).append(")");
            }
            if (!withoutTarget.isEmpty()) {
                evidence.append("; none for ").append(String.join(", ", withoutTarget));
            }
        }
        if (routing.routed()) {
            evidence.append("; approvals and escalations are routed by");
            if (!routing.approvalPolicies().isEmpty()) {
                evidence.append(" approval policies ").append(String.join(", ", routing.approvalPolicies()));
            }
            if (!routing.ownSlaClasses().isEmpty()) {
                evidence.append(routing.approvalPolicies().isEmpty() ? "" : " and")
                        .append(" SLA classes ")
                        .append(String.join(", ", routing.ownSlaClasses()));
            }
            evidence.append(".");
        } else {
            evidence.append("; no approval policy or SLA class of the tenant's own routes approvals and escalations"
                    + " (only the built-in default applies).");
        }

        JsonObjectBuilder targets = JSON.createObjectBuilder();
        taskTypes.stream()
                .filter(t -> !withoutTarget.contains(t.key()))
                .forEach(t -> targets.add(t.key(), t.targets().escalationRate()));
        JsonObjectBuilder details = JSON.createObjectBuilder()
                .add("targetEscalationRates", targets)
                .add("taskTypesWithoutTarget", strings(withoutTarget))
                .add("approvalPolicies", strings(routing.approvalPolicies()))
                .add("slaClasses", strings(routing.ownSlaClasses()));
        String link = budgeted || taskTypes.isEmpty() ? "/api/v1/approval-policies" : "/api/v1/workflows/" + workflow;
        return new CriterionResult(
                Criterion.ESCALATION_BUDGET, budgeted && routing.routed(), evidence.toString(), link, details.build());
    }

    /** Every task type of the workflow has cost and outcome rollups from day {@code from} on. */
    public static CriterionResult costLatencyData(
            List<String> taskTypes, List<TaskTypeRollups> rollups, LocalDate from, int days) {
        Map<String, TaskTypeRollups> byTaskType = rollups.stream()
                .filter(r -> taskTypes.contains(r.taskType()) && r.rows() > 0)
                .collect(Collectors.toMap(TaskTypeRollups::taskType, Function.identity()));
        List<String> withoutData =
                taskTypes.stream().filter(t -> !byTaskType.containsKey(t)).toList();
        long tasks =
                byTaskType.values().stream().mapToLong(TaskTypeRollups::tasks).sum();
        LocalDate latest = byTaskType.values().stream()
                .map(TaskTypeRollups::latestDay)
                .max(LocalDate::compareTo)
                .orElse(null);

        StringBuilder evidence = new StringBuilder("Cost and outcome rollups of the last ")
                .append(count(days, "day"))
                .append(" (from ")
                .append(from)
                .append(")");
        if (taskTypes.isEmpty()) {
            evidence.append(": the workflow has no task types to show.");
        } else {
            evidence.append(": ")
                    .append(byTaskType.size())
                    .append(" of ")
                    .append(count(taskTypes.size(), "task type"))
                    .append(" have data, ")
                    .append(count(tasks, "task"))
                    .append(" in all");
            if (latest != null) {
                evidence.append(", the latest day ").append(latest);
            }
            if (!withoutData.isEmpty()) {
                evidence.append("; none for ").append(String.join(", ", withoutData));
            }
            evidence.append(".");
        }

        JsonArrayBuilder rows = JSON.createArrayBuilder();
        taskTypes.stream().filter(byTaskType::containsKey).forEach(key -> {
            TaskTypeRollups r = byTaskType.get(key);
            JsonObjectBuilder row = JSON.createObjectBuilder()
                    .add("taskType", key)
                    .add("rows", r.rows())
                    .add("tasks", r.tasks())
                    .add("latestDay", r.latestDay().toString());
            if (r.costPerResolvedP95() != null) {
                row.add("costPerResolvedP95", r.costPerResolvedP95());
            }
            if (r.latencyP95Millis() != null) {
                row.add("latencyP95Millis", r.latencyP95Millis());
            }
            rows.add(row);
        });
        JsonObjectBuilder details = JSON.createObjectBuilder()
                .add("days", days)
                .add("from", from.toString())
                .add("rollups", rows)
                .add("taskTypesWithoutData", strings(withoutData));
        return new CriterionResult(
                Criterion.COST_LATENCY_DATA,
                !taskTypes.isEmpty() && withoutData.isEmpty(),
                evidence.toString(),
                "/api/v1/reports/rollups?from=" + from,
                details.build());
    }

    private static String whyNoRollback(AgentRollback agent) {
        return agent.name() + ": "
                + (agent.currentVersion() == null
                        ? "no current version"
                        : "'" + agent.currentVersion() + "' is the first version it had current");
    }

    private static JsonArrayBuilder agentArray(List<AgentRollback> agents) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        agents.forEach(agent -> {
            JsonObjectBuilder json =
                    JSON.createObjectBuilder().add("agentId", agent.agentId()).add("name", agent.name());
            if (agent.currentVersion() != null) {
                json.add("currentVersion", agent.currentVersion());
            }
            array.add(json);
        });
        return array;
    }

    private static JsonArrayBuilder strings(Collection<String> values) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }

    /** "All 3 task types have", "The 1 task type has". */
    private static String all(int n, String noun) {
        return n == 1 ? "The 1 " + noun + " has" : "All " + n + " " + noun + "s have";
    }

    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** 0.15 as 15%, 0.125 as 12.5%. */
    static String percent(BigDecimal rate) {
        return rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    /** "3 h ago", "12 min ago". */
    static String ago(Instant then, Instant now) {
        Duration age = Duration.between(then, now);
        if (age.isNegative()) {
            age = Duration.ZERO;
        }
        return age.toHours() >= 1 ? age.toHours() + " h ago" : age.toMinutes() + " min ago";
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
