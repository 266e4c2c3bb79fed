package dev.mandate.readiness.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.readiness.entity.AgentRollback;
import dev.mandate.readiness.entity.AuditEvidence;
import dev.mandate.readiness.entity.Criterion;
import dev.mandate.readiness.entity.CriterionResult;
import dev.mandate.readiness.entity.GateEvidence;
import dev.mandate.readiness.entity.RoutingEvidence;
import dev.mandate.readiness.entity.WorkflowReadiness;
import dev.mandate.report.entity.TaskTypeRollups;
import dev.mandate.taxonomy.entity.RefusalCondition;
import dev.mandate.taxonomy.entity.RefusalOperator;
import dev.mandate.taxonomy.entity.RiskLevel;
import dev.mandate.taxonomy.entity.TaskTypeDefinition;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReadinessCriteriaTest {

    static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");
    static final RefusalCondition REFUSAL =
            new RefusalCondition("requestedAction.arguments.amount", RefusalOperator.GREATER_THAN, "50000", "treasury");

    static TaskTypeDefinition taskType(String key, List<RefusalCondition> refusals, BigDecimal escalationTarget) {
        return new TaskTypeDefinition(
                key,
                "ap",
                key,
                "does " + key,
                "done once",
                RiskLevel.LOW,
                Set.of(),
                refusals,
                new TaskTypeDefinition.Targets(null, escalationTarget, null, null),
                new TaskTypeDefinition.Limits(null, null, null),
                false,
                null);
    }

    static List<String> strings(JsonObject details, String name) {
        return details.getJsonArray(name).getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString)
                .toList();
    }

    @Nested
    class TaskBoundaries {

        @Test
        void everyTaskTypeWithARefusalConditionIsMet() {
            CriterionResult result = ReadinessCriteria.taskBoundaries(
                    "ap",
                    List.of(
                            taskType("pay", List.of(REFUSAL, REFUSAL), null),
                            taskType("match", List.of(REFUSAL), null)));

            assertThat(result.met()).isTrue();
            assertThat(result.status()).isEqualTo("MET");
            assertThat(result.criterion()).isEqualTo(Criterion.TASK_BOUNDARIES);
            assertThat(result.evidence())
                    .isEqualTo("All 2 task types have a definition, success criteria and at least one refusal"
                            + " condition (3 refusal conditions in all).");
            assertThat(result.link()).isEqualTo("/api/v1/workflows/ap");
            assertThat(result.details().getInt("taskTypes")).isEqualTo(2);
            assertThat(result.details().getJsonArray("lacking")).isEmpty();
        }

        @Test
        void theTaskTypesWithoutARefusalConditionAreNamed() {
            CriterionResult result = ReadinessCriteria.taskBoundaries(
                    "ap",
                    List.of(
                            taskType("pay", List.of(REFUSAL), null),
                            taskType("match", List.of(), null),
                            taskType("read", List.of(), null)));

            assertThat(result.met()).isFalse();
            assertThat(result.status()).isEqualTo("NOT_MET");
            assertThat(result.evidence())
                    .isEqualTo("2 of 3 task types lack what they need: match (no refusal condition);"
                            + " read (no refusal condition).");
            assertThat(result.details().getJsonArray("lacking").getJsonObject(0).getString("taskType"))
                    .isEqualTo("match");
        }

        @Test
        void aWorkflowWithoutTaskTypesIsNotMet() {
            CriterionResult result = ReadinessCriteria.taskBoundaries("ap", List.of());

            assertThat(result.met()).isFalse();
            assertThat(result.evidence()).startsWith("The workflow has no task types");
        }
    }

    @Nested
    class AuditVerifies {

        @Test
        void aRecentJobResultIsTheEvidenceAndLinksItsExecution() {
            AuditEvidence nightly = new AuditEvidence(
                    AuditEvidence.Source.NIGHTLY_JOB, true, 4, 0, 1234, 17L, NOW.minus(Duration.ofHours(3)), null);

            CriterionResult result = ReadinessCriteria.auditVerifies(nightly, NOW);

            assertThat(result.met()).isTrue();
            assertThat(result.evidence())
                    .isEqualTo("The audit-verification job (execution 17, ended 2026-12-10T09:00:00Z, 3 h ago)"
                            + " verified 4 chains and 1234 records of the tenant's audit: all valid.");
            assertThat(result.link()).isEqualTo("/api/v1/jobs/audit-verification/executions/17");
            assertThat(result.details().getString("source")).isEqualTo("NIGHTLY_JOB");
            assertThat(result.details().getInt("jobExecutionId")).isEqualTo(17);
        }

        @Test
        void aBrokenChainVerifiedNowIsNotMetAndNamed() {
            AuditEvidence now = new AuditEvidence(
                    AuditEvidence.Source.VERIFIED_NOW, false, 3, 1, 41, null, NOW, "chain 2 sequence 5 (EDITED)");

            CriterionResult result = ReadinessCriteria.auditVerifies(now, NOW);

            assertThat(result.met()).isFalse();
            assertThat(result.evidence())
                    .isEqualTo("Verified now, as no run of the audit-verification job is recent enough: 3 chains"
                            + " and 41 records of the tenant's audit, 1 of 3 chains broken, the first at chain 2"
                            + " sequence 5 (EDITED).");
            assertThat(result.link()).isEqualTo("/api/v1/audit/verify");
            assertThat(result.details().containsKey("jobExecutionId")).isFalse();
            assertThat(result.details().getString("firstBad")).isEqualTo("chain 2 sequence 5 (EDITED)");
        }
    }

    @Nested
    class EvalsWithRollback {

        static final GateEvidence BOTH = new GateEvidence(
                2, "g-2", "PASS", Instant.parse("2026-12-09T10:00:00Z"), Set.of("pay", "match", "elsewhere"));
        static final AgentRollback ROLLS_BACK = new AgentRollback("a-1", "clerk", "v2", "v1");

        @Test
        void gatesForEveryTaskTypeAndARollbackForEveryAgentAreMet() {
            CriterionResult result =
                    ReadinessCriteria.evalsWithRollback(List.of("pay", "match"), BOTH, List.of(ROLLS_BACK), 30);

            assertThat(result.met()).isTrue();
            assertThat(result.evidence())
                    .isEqualTo("2 release gates decided in the last 30 days (the latest PASS at"
                            + " 2026-12-09T10:00:00Z), covering 2 of 2 task types; 1 of 1 agent can roll back to a"
                            + " previous version.");
            assertThat(result.details().getJsonObject("latestGate").getString("id"))
                    .isEqualTo("g-2");
        }

        @Test
        void noGateAndNoAgentIsNotMetAndSaysBoth() {
            CriterionResult result =
                    ReadinessCriteria.evalsWithRollback(List.of("pay"), GateEvidence.NONE, List.of(), 30);

            assertThat(result.met()).isFalse();
            assertThat(result.evidence())
                    .isEqualTo("0 release gates decided in the last 30 days, covering 0 of 1 task type (no gate"
                            + " for pay); no agent works on this workflow, so none has a version to roll back to.");
            assertThat(strings(result.details(), "taskTypesWithoutGate")).containsExactly("pay");
            assertThat(result.link()).isEqualTo("/api/v1/evals/gates");
        }

        @Test
        void anAgentWithoutAPreviousVersionIsNamedAndLinked() {
            CriterionResult result = ReadinessCriteria.evalsWithRollback(
                    List.of("pay"),
                    BOTH,
                    List.of(
                            ROLLS_BACK,
                            new AgentRollback("a-2", "first-timer", "v1", null),
                            new AgentRollback("a-3", "never-promoted", null, null)),
                    30);

            assertThat(result.met()).isFalse();
            assertThat(result.evidence())
                    .endsWith("1 of 3 agents can roll back to a previous version (first-timer: 'v1' is the first"
                            + " version it had current; never-promoted: no current version).");
            assertThat(result.link()).isEqualTo("/api/v1/agents/a-2/current-version");
            assertThat(result.details().getJsonArray("agentsWithoutRollback")).hasSize(2);
        }

        @Test
        void aGateOfAnotherWorkflowsTaskTypesDoesNotCount() {
            GateEvidence elsewhere = new GateEvidence(1, "g", "BLOCK", NOW, Set.of("elsewhere"));

            CriterionResult result =
                    ReadinessCriteria.evalsWithRollback(List.of("pay"), elsewhere, List.of(ROLLS_BACK), 30);

            assertThat(result.met()).isFalse();
            assertThat(result.evidence()).contains("covering 0 of 1 task type (no gate for pay)");
        }
    }

    @Nested
    class EscalationBudget {

        static final RoutingEvidence ROUTED = new RoutingEvidence(List.of("default", "task-type:pay"), List.of());
        static final RoutingEvidence UNROUTED = new RoutingEvidence(List.of(), List.of());

        @Test
        void targetsForEveryTaskTypeAndRoutingAreMet() {
            CriterionResult result = ReadinessCriteria.escalationBudget(
                    "ap",
                    List.of(
                            taskType("pay", List.of(), new BigDecimal("0.05")),
                            taskType("match", List.of(), new BigDecimal("0.125"))),
                    ROUTED);

            assertThat(result.met()).isTrue();
            assertThat(result.evidence())
                    .isEqualTo("2 of 2 task types have a target escalation rate (pay 5%, match 12.5%); approvals"
                            + " and escalations are routed by approval policies default, task-type:pay.");
            assertThat(result.details()
                            .getJsonObject("targetEscalationRates")
                            .getJsonNumber("match")
                            .doubleValue())
                    .isEqualTo(0.125);
        }

        @Test
        void aMissingTargetIsNamedAndLinksTheWorkflow() {
            CriterionResult result = ReadinessCriteria.escalationBudget(
                    "ap",
                    List.of(taskType("pay", List.of(), new BigDecimal("0.05")), taskType("match", List.of(), null)),
                    ROUTED);

            assertThat(result.met()).isFalse();
            assertThat(result.evidence())
                    .contains("1 of 2 task types have a target escalation rate (pay 5%); none for match");
            assertThat(result.link()).isEqualTo("/api/v1/workflows/ap");
        }

        @Test
        void targetsWithoutRoutingAreNotMet() {
            CriterionResult result = ReadinessCriteria.escalationBudget(
                    "ap", List.of(taskType("pay", List.of(), new BigDecimal("0.05"))), UNROUTED);

            assertThat(result.met()).isFalse();
            assertThat(result.evidence())
                    .endsWith("no approval policy or SLA class of the tenant's own routes approvals and escalations"
                            + " (only the built-in default applies).");
            assertThat(result.link()).isEqualTo("/api/v1/approval-policies");
        }

        @Test
        void anSlaClassOfTheTenantsOwnRoutes() {
            CriterionResult result = ReadinessCriteria.escalationBudget(
                    "ap",
                    List.of(taskType("pay", List.of(), BigDecimal.ZERO)),
                    new RoutingEvidence(List.of(), List.of("finance")));

            assertThat(result.met()).isTrue();
            assertThat(result.evidence()).endsWith("routed by SLA classes finance.");
        }
    }

    @Nested
    class CostLatencyData {

        static final LocalDate FROM = LocalDate.parse("2026-12-04");

        @Test
        void rollupsForEveryTaskTypeAreMet() {
            CriterionResult result = ReadinessCriteria.costLatencyData(
                    List.of("pay", "match"),
                    List.of(
                            new TaskTypeRollups(
                                    "pay", 3, 40, LocalDate.parse("2026-12-09"), new BigDecimal("0.8"), 720_000L),
                            new TaskTypeRollups("match", 1, 2, LocalDate.parse("2026-12-10"), null, null),
                            new TaskTypeRollups("elsewhere", 9, 900, LocalDate.parse("2026-12-10"), null, null)),
                    FROM,
                    7);

            assertThat(result.met()).isTrue();
            assertThat(result.evidence())
                    .isEqualTo("Cost and outcome rollups of the last 7 days (from 2026-12-04): 2 of 2 task types have"
                            + " data, 42 tasks in all, the latest day 2026-12-10.");
            assertThat(result.link()).isEqualTo("/api/v1/reports/rollups?from=2026-12-04");
            JsonObject pay = result.details().getJsonArray("rollups").getJsonObject(0);
            assertThat(pay.getString("taskType")).isEqualTo("pay");
            assertThat(pay.getJsonNumber("latencyP95Millis").longValue()).isEqualTo(720_000L);
            assertThat(result.details().getJsonArray("rollups").getJsonObject(1).containsKey("latencyP95Millis"))
                    .isFalse();
        }

        @Test
        void aTaskTypeWithoutRollupsIsNamed() {
            CriterionResult result = ReadinessCriteria.costLatencyData(
                    List.of("pay", "match"),
                    List.of(new TaskTypeRollups("pay", 1, 5, LocalDate.parse("2026-12-09"), null, null)),
                    FROM,
                    7);

            assertThat(result.met()).isFalse();
            assertThat(result.evidence())
                    .endsWith("1 of 2 task types have data, 5 tasks in all, the latest day"
                            + " 2026-12-09; none for match.");
            assertThat(strings(result.details(), "taskTypesWithoutData")).containsExactly("match");
        }

        @Test
        void noTaskTypesIsNotMet() {
            CriterionResult result = ReadinessCriteria.costLatencyData(List.of(), List.of(), FROM, 7);

            assertThat(result.met()).isFalse();
            assertThat(result.evidence()).endsWith("the workflow has no task types to show.");
        }
    }

    @Test
    void aWorkflowIsReadyOnlyWhenEveryCriterionIsMet() {
        CriterionResult met = ReadinessCriteria.taskBoundaries("ap", List.of(taskType("pay", List.of(REFUSAL), null)));
        CriterionResult notMet = ReadinessCriteria.taskBoundaries("ap", List.of());

        assertThat(new WorkflowReadiness("ap", "AP", List.of(met, met), NOW).ready())
                .isTrue();
        assertThat(new WorkflowReadiness("ap", "AP", List.of(met, notMet), NOW).ready())
                .isFalse();
    }

    @Test
    void figuresReadAsPeopleWriteThem() {
        assertThat(ReadinessCriteria.percent(new BigDecimal("0.100000"))).isEqualTo("10%");
        assertThat(ReadinessCriteria.percent(new BigDecimal("0.125"))).isEqualTo("12.5%");
        assertThat(ReadinessCriteria.percent(BigDecimal.ZERO)).isEqualTo("0%");
        assertThat(ReadinessCriteria.count(1, "day")).isEqualTo("1 day");
        assertThat(ReadinessCriteria.ago(NOW.minus(Duration.ofMinutes(12)), NOW))
                .isEqualTo("12 min ago");
        assertThat(ReadinessCriteria.ago(NOW.plusSeconds(5), NOW)).isEqualTo("0 min ago");
    }
}
