package dev.mandate.jobs.auditverification.control;

import dev.mandate.audit.verify.AuditVerifier;
import dev.mandate.audit.verify.FirstBad;
import dev.mandate.jobs.auditverification.entity.ChainVerified;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/** The results in {@code audit_chain_verification}, per job instance: written by the chunk, read by the summary. */
@ApplicationScoped
public class ChainVerifications {

    static final int MAX_DETAIL_CHARS = 1000;

    @Inject
    Sql sql;

    public static ChainVerified of(AuditVerifier.ChainResult result) {
        FirstBad bad = result.firstBad();
        return new ChainVerified(
                result.chain(),
                bad == null,
                result.records(),
                result.checkpoints(),
                bad == null ? null : bad.sequence(),
                bad == null ? null : bad.recordId(),
                bad == null ? null : bad.problem().name(),
                bad == null || bad.detail() == null
                        ? null
                        : bad.detail().length() <= MAX_DETAIL_CHARS
                                ? bad.detail()
                                : bad.detail().substring(0, MAX_DETAIL_CHARS));
    }

    /** Records a chain's result; in the chunk's transaction, with its checkpoint. */
    public void record(long instanceId, String tenant, ChainVerified chain) {
        sql.update(
                "insert into audit_chain_verification (job_instance_id, tenant_id, chain_no, valid, records_checked,"
                        + " checkpoints_checked, first_bad_sequence, first_bad_record_id, first_bad_problem,"
                        + " first_bad_detail, verified_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                instanceId,
                tenant,
                chain.chain(),
                chain.valid(),
                chain.recordsChecked(),
                chain.checkpointsChecked(),
                chain.firstBadSequence(),
                chain.firstBadRecordId(),
                chain.firstBadProblem(),
                chain.firstBadDetail(),
                Instant.now());
    }

    /** Every chain job instance {@code instanceId} has verified so far. */
    public List<ChainVerified> of(long instanceId) {
        return sql.list(
                "select chain_no, valid, records_checked, checkpoints_checked, first_bad_sequence,"
                        + " first_bad_record_id, first_bad_problem, first_bad_detail from audit_chain_verification"
                        + " where job_instance_id = ? order by chain_no",
                row -> new ChainVerified(
                        row.getInt(1),
                        row.getBoolean(2),
                        row.getLong(3),
                        row.getLong(4),
                        row.getObject(5, Long.class),
                        row.getString(6),
                        row.getString(7),
                        row.getString(8)),
                instanceId);
    }
}
