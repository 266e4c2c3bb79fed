package dev.mandate.jobs.retention.control;

import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * The tenant's rows retention deletes or redacts, in bounded statements: a backlog never becomes one huge
 * transaction.
 */
@ApplicationScoped
public class RetentionPurges {

    public static final int BATCH = 5_000;

    @Inject
    Sql sql;

    /** Deletes up to {@link #BATCH} of the tenant's idempotency keys created before {@code before}. */
    public int idempotencyKeys(String tenant, Instant before) {
        return sql.update(
                "delete from idempotency_key where (tenant_id, agent_id, idem_key) in (select tenant_id, agent_id,"
                        + " idem_key from idempotency_key where tenant_id = ? and created_at < ? fetch first ? rows"
                        + " only)",
                tenant,
                before,
                BATCH);
    }

    /** Deletes up to {@link #BATCH} of the tenant's rate buckets that began before {@code beforeEpochSecond}. */
    public int rateBuckets(String tenant, long beforeEpochSecond) {
        return sql.update(
                "delete from rate_counter where (agent_id, span_seconds, bucket, tool_key) in (select agent_id,"
                        + " span_seconds, bucket, tool_key from rate_counter where tenant_id = ? and bucket < ?"
                        + " fetch first ? rows only)",
                tenant,
                beforeEpochSecond,
                BATCH);
    }

    /**
     * Up to {@code limit} ids, after {@code afterId}, of the tenant's records recorded before {@code before}
     * whose summary can be redacted: one that is there, committed to by a digest. Records that hash their
     * summary itself (written before V22) are never among them.
     */
    public List<String> redactable(String tenant, Instant before, String afterId, int limit) {
        return sql.list(
                "select id from audit_record where tenant_id = ? and recorded_at < ? and id > ?"
                        + " and input_summary is not null and input_summary_digest is not null"
                        + " order by id fetch first ? rows only",
                row -> row.getString(1),
                tenant,
                before,
                afterId == null ? "" : afterId,
                limit);
    }

    /** Deletes a record's summary and salt, keeping the digest its hash covers. */
    public int redact(String tenant, String recordId, Instant now) {
        return sql.update(
                "update audit_record set input_summary = null, input_summary_salt = null,"
                        + " input_summary_redacted_at = ? where tenant_id = ? and id = ?"
                        + " and input_summary_digest is not null and input_summary is not null",
                now,
                tenant,
                recordId);
    }
}
