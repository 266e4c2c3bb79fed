package dev.mandate.readiness.boundary;

import dev.mandate.audit.boundary.AuditVerification;
import dev.mandate.audit.verify.FirstBad;
import dev.mandate.audit.verify.Verification;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.security.Caller;
import dev.mandate.readiness.control.ReadinessCriteria;
import dev.mandate.readiness.control.ReadinessEvidence;
import dev.mandate.readiness.entity.AuditEvidence;
import dev.mandate.readiness.entity.GateEvidence;
import dev.mandate.readiness.entity.RoutingEvidence;
import dev.mandate.readiness.entity.WorkflowReadiness;
import dev.mandate.report.boundary.Reports;
import dev.mandate.report.entity.TaskTypeRollups;
import dev.mandate.routing.boundary.RoutingPolicies;
import dev.mandate.routing.entity.ApprovalRoute;
import dev.mandate.routing.entity.SlaClass;
import dev.mandate.taxonomy.boundary.Taxonomy;
import dev.mandate.taxonomy.entity.TaskTypeDefinition;
import dev.mandate.taxonomy.entity.Workflow;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The launch readiness of the caller's tenant's workflows: the readiness checklists' criteria evaluated from
 * live data, each with its evidence ({@link ReadinessCriteria}). What the tenant shares between workflows
 * (its audit, gates, rollups, routing) is read once per report. Reads only.
 */
@Stateless
public class Readiness {

    @EJB
    Taxonomy taxonomy;

    @EJB
    AuditVerification verification;

    @EJB
    RoutingPolicies routing;

    @EJB
    Reports reports;

    @Inject
    ReadinessEvidence evidence;

    /** What every workflow of the tenant is evaluated against, read once. */
    private record TenantEvidence(
            Instant now,
            int evalDays,
            int dataDays,
            LocalDate dataFrom,
            AuditEvidence audit,
            GateEvidence gates,
            List<TaskTypeRollups> rollups,
            List<ApprovalRoute> policies,
            List<String> ownSlaClasses) {}

    /** Every workflow of the caller's tenant, by key. */
    public List<WorkflowReadiness> all(Caller caller) {
        List<Workflow> workflows = taxonomy.workflows(caller);
        if (workflows.isEmpty()) {
            return List.of();
        }
        TenantEvidence tenant = tenantEvidence(caller);
        return workflows.stream()
                .map(workflow -> evaluate(caller, workflow, tenant))
                .toList();
    }

    /** One workflow of the caller's tenant; another tenant's, or none of that key, is not found. */
    public WorkflowReadiness of(Caller caller, String workflowKey) {
        Workflow workflow = taxonomy.workflow(caller, workflowKey);
        return evaluate(caller, workflow, tenantEvidence(caller));
    }

    private WorkflowReadiness evaluate(Caller caller, Workflow workflow, TenantEvidence tenant) {
        List<TaskTypeDefinition> taskTypes = taxonomy.taskTypesOf(caller.tenant(), workflow).stream()
                .map(taskType -> taskType.definition(workflow.key()))
                .toList();
        List<String> keys = taskTypes.stream().map(TaskTypeDefinition::key).toList();
        return new WorkflowReadiness(
                workflow.key(),
                workflow.name(),
                List.of(
                        ReadinessCriteria.taskBoundaries(workflow.key(), taskTypes),
                        ReadinessCriteria.auditVerifies(tenant.audit(), tenant.now()),
                        ReadinessCriteria.evalsWithRollback(
                                keys,
                                tenant.gates(),
                                evidence.agents(caller.tenant(), workflow.key()),
                                tenant.evalDays()),
                        ReadinessCriteria.escalationBudget(workflow.key(), taskTypes, routingOf(keys, tenant)),
                        ReadinessCriteria.costLatencyData(
                                keys, tenant.rollups(), tenant.dataFrom(), tenant.dataDays())),
                tenant.now());
    }

    private TenantEvidence tenantEvidence(Caller caller) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int evalDays = days(ConfigKey.READINESS_EVAL_DAYS);
        int dataDays = days(ConfigKey.READINESS_DATA_DAYS);
        LocalDate dataFrom = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(dataDays - 1L);
        List<String> ownSlaClasses = routing.slaClasses(caller).stream()
                .filter(sla -> !SlaClass.BUILT_IN.contains(sla))
                .map(SlaClass::name)
                .toList();
        return new TenantEvidence(
                now,
                evalDays,
                dataDays,
                dataFrom,
                audit(caller, now),
                evidence.gates(caller.tenant(), now.minus(Duration.ofDays(evalDays))),
                reports.byTaskType(caller, dataFrom),
                routing.policies(caller),
                ownSlaClasses);
    }

    /**
     * The latest result of the audit-verification job when it is at most {@code
     * mandate.readiness.audit-max-age-hours} old (verifying a large audit on every request costs), else the
     * audit verified now.
     */
    private AuditEvidence audit(Caller caller, Instant now) {
        Duration maxAge = Duration.ofHours(Math.max(1, ConfigKey.READINESS_AUDIT_MAX_AGE_HOURS.get(Integer.class)));
        return evidence.latestAuditVerification(caller.tenant())
                .filter(job -> job.verifiedAt() != null && !job.verifiedAt().isBefore(now.minus(maxAge)))
                .orElseGet(() -> verifiedNow(verification.verify(caller), now));
    }

    private static AuditEvidence verifiedNow(Verification verified, Instant now) {
        FirstBad bad = verified.firstBad();
        return new AuditEvidence(
                AuditEvidence.Source.VERIFIED_NOW,
                verified.valid(),
                verified.chains(),
                verified.problems().size(),
                verified.recordsChecked(),
                null,
                now,
                bad == null
                        ? null
                        : "chain " + bad.chain() + " sequence " + bad.sequence() + " (" + bad.problem() + ")");
    }

    /** The policies that can select the workflow's requests: the default, by risk class or rule, its task types'. */
    private static RoutingEvidence routingOf(List<String> taskTypes, TenantEvidence tenant) {
        List<String> policies = tenant.policies().stream()
                .map(ApprovalRoute::selector)
                .filter(selector -> !selector.startsWith("task-type:")
                        || taskTypes.contains(selector.substring("task-type:".length())))
                .toList();
        return new RoutingEvidence(policies, tenant.ownSlaClasses());
    }

    private static int days(ConfigKey key) {
        return Math.max(1, key.get(Integer.class));
    }
}
