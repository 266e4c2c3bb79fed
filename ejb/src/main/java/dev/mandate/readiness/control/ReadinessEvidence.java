package dev.mandate.readiness.control;

import dev.mandate.agent.control.AgentDeploymentHistory;
import dev.mandate.agent.entity.AgentDeployment;
import dev.mandate.platform.sql.Sql;
import dev.mandate.readiness.entity.AgentRollback;
import dev.mandate.readiness.entity.AuditEvidence;
import dev.mandate.readiness.entity.GateEvidence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The evidence the readiness criteria read that no other feature's boundary answers for a tenant: the agents
 * of a workflow with their rollback targets, the release gates decided since a moment, and the latest
 * result of the audit-verification job. Reads only.
 */
@ApplicationScoped
public class ReadinessEvidence {

    static final String AUDIT_VERIFICATION_JOB = "audit-verification";

    @Inject
    Sql sql;

    @Inject
    AgentDeploymentHistory deployments;

    private record AgentName(String id, String name) {}

    /** The agents working on {@code workflow} (not deprovisioned), by name, each with its rollback target. */
    public List<AgentRollback> agents(String tenant, String workflow) {
        return sql
                .list(
                        "select id, name from agent where tenant_id = ? and workflow = ? and status <> 'DEPROVISIONED'"
                                + " order by name_lower, id",
                        row -> new AgentName(row.getString(1), row.getString(2)),
                        tenant,
                        workflow)
                .stream()
                .map(agent -> {
                    Optional<AgentDeployment> current = deployments.current(tenant, agent.id());
                    return new AgentRollback(
                            agent.id(),
                            agent.name(),
                            current.map(AgentDeployment::version).orElse(null),
                            current.map(AgentDeployment::previousVersion).orElse(null));
                })
                .toList();
    }

    /** The release gates decided from {@code since} on, and the task types of the cases they compared. */
    public GateEvidence gates(String tenant, Instant since) {
        long gates = sql.first(
                        "select count(*) from eval_gate where tenant_id = ? and created_at >= ?",
                        row -> row.getLong(1),
                        tenant,
                        since)
                .orElse(0L);
        if (gates == 0) {
            return GateEvidence.NONE;
        }
        Set<String> taskTypes = new HashSet<>(sql.list(
                "select distinct c.task_type from eval_case c where c.dataset_version_id in (select"
                        + " r.dataset_version_id from eval_gate g join eval_run r on r.id = g.candidate_run"
                        + " where g.tenant_id = ? and g.created_at >= ?)",
                row -> row.getString(1),
                tenant,
                since));
        return sql.first(
                        "select id, verdict, created_at from eval_gate where tenant_id = ? and created_at >= ?"
                                + " order by created_at desc, id desc fetch first 1 rows only",
                        row -> new GateEvidence(
                                gates,
                                row.getString(1),
                                row.getString(2),
                                row.getObject(3, OffsetDateTime.class).toInstant(),
                                taskTypes),
                        tenant,
                        since)
                .orElse(GateEvidence.NONE);
    }

    private record JobEnd(long executionId, long instanceId, String batchStatus, String exitStatus, Instant end) {}

    /**
     * The latest run of the audit-verification job for the tenant that reached a verdict: COMPLETED (valid),
     * or FAILED because a chain is broken (exit status {@code INVALID: ...}); a run that failed for any other
     * reason verified nothing and is passed over.
     */
    public Optional<AuditEvidence> latestAuditVerification(String tenant) {
        Optional<JobEnd> latest = sql.first(
                "select r.execution_id, e.jobinstanceid, e.batchstatus, e.exitstatus, e.endtime from job_run r"
                        + " join executioninstancedata e on e.jobexecid = r.execution_id where r.tenant_id = ?"
                        + " and r.job_name = ? and e.endtime is not null and (e.batchstatus = 'COMPLETED'"
                        + " or (e.batchstatus = 'FAILED' and e.exitstatus like 'INVALID%'))"
                        + " order by r.execution_id desc fetch first 1 rows only",
                row -> new JobEnd(
                        row.getLong(1),
                        row.getLong(2),
                        row.getString(3),
                        row.getString(4),
                        instant(row.getTimestamp(5))),
                tenant,
                AUDIT_VERIFICATION_JOB);
        return latest.map(job -> {
            long[] figures = sql.first(
                            "select count(*), coalesce(sum(case when valid then 0 else 1 end), 0),"
                                    + " coalesce(sum(records_checked), 0) from audit_chain_verification"
                                    + " where job_instance_id = ? and tenant_id = ?",
                            row -> new long[] {row.getLong(1), row.getLong(2), row.getLong(3)},
                            job.instanceId(),
                            tenant)
                    .orElse(new long[3]);
            String firstBad = sql.first(
                            "select chain_no, first_bad_sequence, first_bad_problem from audit_chain_verification"
                                    + " where job_instance_id = ? and tenant_id = ? and valid = false"
                                    + " order by chain_no fetch first 1 rows only",
                            row -> "chain " + row.getInt(1) + " sequence " + row.getLong(2) + " (" + row.getString(3)
                                    + ")",
                            job.instanceId(),
                            tenant)
                    .orElse(null);
            boolean valid = "COMPLETED".equals(job.batchStatus()) && figures[1] == 0;
            return new AuditEvidence(
                    AuditEvidence.Source.NIGHTLY_JOB,
                    valid,
                    figures[0],
                    figures[1],
                    figures[2],
                    job.executionId(),
                    job.end(),
                    valid ? null : firstBad == null ? job.exitStatus() : firstBad);
        });
    }

    private static Instant instant(Timestamp time) {
        return time == null ? null : time.toInstant();
    }
}
