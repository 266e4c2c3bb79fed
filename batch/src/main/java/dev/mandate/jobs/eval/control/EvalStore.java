package dev.mandate.jobs.eval.control;

import dev.mandate.decision.entity.Decision;
import dev.mandate.jobs.eval.entity.CaseKind;
import dev.mandate.jobs.eval.entity.CaseResult;
import dev.mandate.jobs.eval.entity.CaseScore;
import dev.mandate.jobs.eval.entity.DatasetVersion;
import dev.mandate.jobs.eval.entity.EvalCase;
import dev.mandate.jobs.eval.entity.EvalGate;
import dev.mandate.jobs.eval.entity.EvalRun;
import dev.mandate.jobs.eval.entity.GateVerdict;
import dev.mandate.jobs.eval.entity.RunFigures;
import dev.mandate.platform.json.JsonStrings;
import dev.mandate.platform.paging.Page;
import dev.mandate.platform.paging.PageRequest;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The eval tables (V21): datasets and their cases, runs and their case results, gate decisions. */
@ApplicationScoped
public class EvalStore {

    static final int BATCH = 500;

    private static final String VERSION_COLUMNS = "id, dataset, version, source, cases, sha256, created_by, created_at";
    private static final String CASE_COLUMNS = "seq, case_key, kind, task_type, input_json, expected_decision,"
            + " expected_tool, expected_action, expected_arguments";
    private static final String RUN_COLUMNS = "r.id, r.dataset_version_id, d.dataset, d.version, r.agent_id,"
            + " r.agent_version, r.job_instance_id, r.status, r.policy_version, r.config_generation, r.cases,"
            + " r.succeeded, r.tool_correct, r.compliant, r.escalated, r.failed, r.cost, r.created_by, r.created_at,"
            + " r.finished_at";
    private static final String RUN_FROM =
            " from eval_run r join eval_dataset_version d on d.id = r.dataset_version_id";
    private static final String GATE_COLUMNS =
            "id, candidate_run, current_run, verdict, figures_json, created_by, created_at";

    @Inject
    Sql sql;

    // datasets

    public int nextVersion(String tenant, String dataset) {
        return sql.first(
                        "select coalesce(max(version), 0) + 1 from eval_dataset_version where tenant_id = ? and"
                                + " dataset = ?",
                        row -> row.getInt(1),
                        tenant,
                        dataset)
                .orElse(1);
    }

    public void insert(String tenant, DatasetVersion v, List<EvalCase> cases) {
        sql.update(
                "insert into eval_dataset_version (tenant_id, " + VERSION_COLUMNS
                        + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant,
                v.id(),
                v.dataset(),
                v.version(),
                v.source(),
                v.cases(),
                v.sha256(),
                v.createdBy(),
                v.createdAt());
        sql.batch(
                "insert into eval_case (dataset_version_id, " + CASE_COLUMNS
                        + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                cases.stream()
                        .map(c -> new Object[] {
                            v.id(),
                            c.seq(),
                            c.key(),
                            c.kind().name(),
                            c.taskType(),
                            c.input().toString(),
                            c.expectedDecision().name(),
                            c.expectedTool(),
                            c.expectedAction(),
                            c.expectedArguments() == null
                                    ? null
                                    : c.expectedArguments().toString()
                        })
                        .toList(),
                BATCH);
    }

    public Optional<DatasetVersion> version(String tenant, String dataset, int version) {
        return sql.first(
                "select " + VERSION_COLUMNS
                        + " from eval_dataset_version where tenant_id = ? and dataset = ? and version = ?",
                EvalStore::version,
                tenant,
                dataset,
                version);
    }

    public Page<DatasetVersion> versions(String tenant, String dataset, PageRequest page) {
        String where = " from eval_dataset_version where tenant_id = ?" + (dataset == null ? "" : " and dataset = ?");
        Object[] parameters = dataset == null ? new Object[] {tenant} : new Object[] {tenant, dataset};
        List<DatasetVersion> items = sql.list(
                "select " + VERSION_COLUMNS + where + " order by dataset, version limit " + page.limit() + " offset "
                        + page.offset(),
                EvalStore::version,
                parameters);
        long total = sql.first("select count(*)" + where, row -> row.getLong(1), parameters)
                .orElse(0L);
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    /** The latest version of each of the tenant's datasets. */
    public Page<DatasetVersion> latestVersions(String tenant, PageRequest page) {
        String where = " from eval_dataset_version v where v.tenant_id = ? and v.version = (select max(l.version)"
                + " from eval_dataset_version l where l.tenant_id = v.tenant_id and l.dataset = v.dataset)";
        List<DatasetVersion> items = sql.list(
                "select v." + VERSION_COLUMNS.replace(", ", ", v.") + where + " order by v.dataset limit "
                        + page.limit() + " offset " + page.offset(),
                EvalStore::version,
                tenant);
        long total = sql.first("select count(*)" + where, row -> row.getLong(1), tenant)
                .orElse(0L);
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    public List<EvalCase> cases(String versionId, int afterSeq, int limit) {
        return sql.list(
                "select " + CASE_COLUMNS + " from eval_case where dataset_version_id = ? and seq > ? order by seq"
                        + " limit " + limit,
                EvalStore::evalCase,
                versionId,
                afterSeq);
    }

    // runs

    public void insert(String tenant, EvalRun run) {
        sql.update(
                "insert into eval_run (id, tenant_id, dataset_version_id, agent_id, agent_version, job_instance_id,"
                        + " status, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                run.id(),
                tenant,
                run.datasetVersionId(),
                run.agentId(),
                run.agentVersion(),
                run.jobInstanceId(),
                run.status(),
                run.createdBy(),
                run.createdAt());
    }

    public Optional<EvalRun> run(String tenant, String id) {
        return sql.first(
                "select " + RUN_COLUMNS + RUN_FROM + " where r.id = ? and r.tenant_id = ?", EvalStore::run, id, tenant);
    }

    public Optional<EvalRun> runOfJob(long jobInstanceId) {
        return sql.first(
                "select " + RUN_COLUMNS + RUN_FROM + " where r.job_instance_id = ?", EvalStore::run, jobInstanceId);
    }

    public Page<EvalRun> runs(String tenant, PageRequest page) {
        List<EvalRun> items = sql.list(
                "select " + RUN_COLUMNS + RUN_FROM + " where r.tenant_id = ? order by r.created_at desc, r.id desc"
                        + " limit " + page.limit() + " offset " + page.offset(),
                EvalStore::run,
                tenant);
        long total = sql.first("select count(*) from eval_run where tenant_id = ?", row -> row.getLong(1), tenant)
                .orElse(0L);
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    public void attach(String runId, long jobInstanceId) {
        sql.update("update eval_run set job_instance_id = ? where id = ?", jobInstanceId, runId);
    }

    public void running(String runId, String policyVersion, String generation) {
        sql.update(
                "update eval_run set status = 'RUNNING', policy_version = coalesce(policy_version, ?),"
                        + " config_generation = coalesce(config_generation, ?) where id = ?",
                policyVersion,
                generation,
                runId);
    }

    /** The run's figures from its stored case results, and the run COMPLETED with them. */
    public RunFigures complete(String runId) {
        RunFigures figures = figures(runId);
        sql.update(
                "update eval_run set status = 'COMPLETED', cases = ?, succeeded = ?, tool_correct = ?, compliant = ?,"
                        + " escalated = ?, failed = ?, cost = ?, finished_at = ? where id = ?",
                figures.cases(),
                figures.succeeded(),
                figures.toolCorrect(),
                figures.compliant(),
                figures.escalated(),
                figures.failed(),
                figures.cost(),
                Instant.now(),
                runId);
        return figures;
    }

    public void failed(String runId) {
        sql.update(
                "update eval_run set status = 'FAILED', finished_at = ? where id = ? and status <> 'COMPLETED'",
                Instant.now(),
                runId);
    }

    RunFigures figures(String runId) {
        return sql.first(
                        "select count(*),"
                                + " coalesce(sum(case when success then 1 else 0 end), 0),"
                                + " coalesce(sum(case when tool_correct then 1 else 0 end), 0),"
                                + " coalesce(sum(case when compliant then 1 else 0 end), 0),"
                                + " coalesce(sum(case when decision = 'ESCALATE' then 1 else 0 end), 0),"
                                + " coalesce(sum(case when error is not null then 1 else 0 end), 0),"
                                + " coalesce(sum(cost), 0)"
                                + " from eval_case_result where run_id = ?",
                        row -> new RunFigures(
                                row.getInt(1),
                                row.getInt(2),
                                row.getInt(3),
                                row.getInt(4),
                                row.getInt(5),
                                row.getInt(6),
                                row.getBigDecimal(7)),
                        runId)
                .orElseThrow();
    }

    public void insertResults(String runId, List<CaseScore> scores) {
        sql.batch(
                "insert into eval_case_result (run_id, seq, decision, success, tool_correct, compliant, cost, error,"
                        + " reasons) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                scores.stream()
                        .map(s -> new Object[] {
                            runId,
                            s.seq(),
                            s.decision() == null ? null : s.decision().name(),
                            s.success(),
                            s.toolCorrect(),
                            s.compliant(),
                            s.cost(),
                            s.error(),
                            s.reasons()
                        })
                        .toList(),
                BATCH);
    }

    public Page<CaseResult> results(String runId, String datasetVersionId, PageRequest page) {
        List<CaseResult> items = sql.list(
                "select c.seq, c.case_key, c.kind, c.expected_decision, r.decision, r.success, r.tool_correct,"
                        + " r.compliant, r.cost, r.error, r.reasons from eval_case_result r join eval_case c"
                        + " on c.dataset_version_id = ? and c.seq = r.seq where r.run_id = ? order by r.seq"
                        + " limit " + page.limit() + " offset " + page.offset(),
                row -> new CaseResult(
                        row.getInt(1),
                        row.getString(2),
                        CaseKind.valueOf(row.getString(3)),
                        row.getString(4),
                        new CaseScore(
                                row.getInt(1),
                                row.getString(5) == null ? null : Decision.valueOf(row.getString(5)),
                                row.getBoolean(6),
                                row.getBoolean(7),
                                row.getBoolean(8),
                                row.getBigDecimal(9),
                                row.getString(10),
                                row.getString(11))),
                datasetVersionId,
                runId);
        long total = sql.first("select count(*) from eval_case_result where run_id = ?", row -> row.getLong(1), runId)
                .orElse(0L);
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    /** Paired cases of two runs of one dataset version: {candidate worse, candidate better}. */
    public int[] discordant(String candidateRun, String currentRun) {
        return sql.first(
                        "select coalesce(sum(case when cur.success and not cand.success then 1 else 0 end), 0),"
                                + " coalesce(sum(case when cand.success and not cur.success then 1 else 0 end), 0)"
                                + " from eval_case_result cand join eval_case_result cur"
                                + " on cur.run_id = ? and cur.seq = cand.seq where cand.run_id = ?",
                        row -> new int[] {row.getInt(1), row.getInt(2)},
                        currentRun,
                        candidateRun)
                .orElseThrow();
    }

    // gates

    public void insert(String tenant, EvalGate gate) {
        sql.update(
                "insert into eval_gate (tenant_id, " + GATE_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)",
                tenant,
                gate.id(),
                gate.candidateRun(),
                gate.currentRun(),
                gate.verdict().name(),
                gate.figuresJson(),
                gate.createdBy(),
                gate.createdAt());
    }

    public Optional<EvalGate> gate(String tenant, String id) {
        return sql.first(
                "select " + GATE_COLUMNS + " from eval_gate where id = ? and tenant_id = ?",
                EvalStore::gate,
                id,
                tenant);
    }

    public Page<EvalGate> gates(String tenant, PageRequest page) {
        List<EvalGate> items = sql.list(
                "select " + GATE_COLUMNS + " from eval_gate where tenant_id = ? order by created_at desc, id desc"
                        + " limit " + page.limit() + " offset " + page.offset(),
                EvalStore::gate,
                tenant);
        long total = sql.first("select count(*) from eval_gate where tenant_id = ?", row -> row.getLong(1), tenant)
                .orElse(0L);
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    private static DatasetVersion version(ResultSet row) throws SQLException {
        return new DatasetVersion(
                row.getString(1),
                row.getString(2),
                row.getInt(3),
                row.getString(4),
                row.getInt(5),
                row.getString(6),
                row.getString(7),
                instant(row, 8));
    }

    private static EvalCase evalCase(ResultSet row) throws SQLException {
        String arguments = row.getString(9);
        return new EvalCase(
                row.getInt(1),
                row.getString(2),
                CaseKind.valueOf(row.getString(3)),
                row.getString(4),
                JsonStrings.object(row.getString(5)),
                Decision.valueOf(row.getString(6)),
                row.getString(7),
                row.getString(8),
                arguments == null ? null : JsonStrings.object(arguments));
    }

    private static EvalRun run(ResultSet row) throws SQLException {
        long instance = row.getLong(7);
        Long jobInstance = row.wasNull() ? null : instance;
        int cases = row.getInt(11);
        RunFigures figures = row.wasNull()
                ? null
                : new RunFigures(
                        cases,
                        row.getInt(12),
                        row.getInt(13),
                        row.getInt(14),
                        row.getInt(15),
                        row.getInt(16),
                        row.getBigDecimal(17));
        return new EvalRun(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getInt(4),
                row.getString(5),
                row.getString(6),
                jobInstance,
                row.getString(8),
                row.getString(9),
                row.getString(10),
                figures,
                row.getString(18),
                instant(row, 19),
                instant(row, 20));
    }

    private static EvalGate gate(ResultSet row) throws SQLException {
        return new EvalGate(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                GateVerdict.valueOf(row.getString(4)),
                row.getString(5),
                row.getString(6),
                instant(row, 7));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime at = row.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
