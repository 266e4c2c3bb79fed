package dev.mandate.decision.control;

import dev.mandate.platform.schema.DatabaseProduct;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Envelopes per agent and tool per time bucket (see {@link RateWindows}), for rate rules. */
@ApplicationScoped
public class RateCounters {

    @Inject
    DatabaseProduct database;

    @Inject
    Sql sql;

    /**
     * Adds the count of one envelope of the agent for the tool to the decision's {@code writes}. They must
     * run while the agent's audit-chain lock is held ({@code DecisionRecorder} runs them so): decisions
     * of one agent then never race for the same counter rows, which lets the portable path update first
     * and insert only when missing.
     */
    public void count(Sql.Writes writes, String tenant, String agentId, String tool, Instant at) {
        long second = at.getEpochSecond();
        if (database.isPostgres()) {
            writes.add(
                    "insert into rate_counter (tenant_id, agent_id, span_seconds, bucket, tool_key, envelopes)"
                            + " values (?, ?, ?, ?, ?, 1), (?, ?, ?, ?, ?, 1) on conflict (agent_id, span_seconds,"
                            + " bucket, tool_key) do update set envelopes = rate_counter.envelopes + 1",
                    tenant,
                    agentId,
                    RateWindows.FINE_SPAN,
                    RateWindows.bucket(second, RateWindows.FINE_SPAN),
                    tool,
                    tenant,
                    agentId,
                    RateWindows.COARSE_SPAN,
                    RateWindows.bucket(second, RateWindows.COARSE_SPAN),
                    tool);
            return;
        }
        writes.add(() -> countPortably(tenant, agentId, tool, second));
    }

    private void countPortably(String tenant, String agentId, String tool, long second) {
        for (int span : new int[] {RateWindows.FINE_SPAN, RateWindows.COARSE_SPAN}) {
            long bucket = RateWindows.bucket(second, span);
            int updated = sql.update(
                    "update rate_counter set envelopes = envelopes + 1 where agent_id = ? and span_seconds = ?"
                            + " and bucket = ? and tool_key = ?",
                    agentId,
                    span,
                    bucket,
                    tool);
            if (updated == 0) {
                sql.update(
                        "insert into rate_counter (tenant_id, agent_id, span_seconds, bucket, tool_key, envelopes)"
                                + " values (?, ?, ?, ?, ?, 1)",
                        tenant,
                        agentId,
                        span,
                        bucket,
                        tool);
            }
        }
    }

    /** The counters rate rules read ({@code agent_minute}, {@code agent_hour}, {@code agent_tool_hour}). */
    public Map<String, Object> counters(String agentId, String tool, Instant now) {
        long second = now.getEpochSecond();
        List<RateWindows.Sum> sums = sql.list(
                "select span_seconds, tool_key, sum(envelopes) from rate_counter where agent_id = ?"
                        + " and ((span_seconds = ? and bucket >= ?) or (span_seconds = ? and bucket >= ?))"
                        + " group by span_seconds, tool_key",
                r -> new RateWindows.Sum(r.getInt(1), r.getString(2), r.getLong(3)),
                agentId,
                RateWindows.FINE_SPAN,
                RateWindows.minuteFrom(second),
                RateWindows.COARSE_SPAN,
                RateWindows.hourFrom(second));
        return RateWindows.counters(sums, tool);
    }

    /** Deletes up to {@code limit} buckets no window reads any more, in a transaction of their own. */
    @Transactional(TxType.REQUIRES_NEW)
    public int prune(Instant now, int limit) {
        return sql.update(
                "delete from rate_counter where (agent_id, span_seconds, bucket, tool_key) in (select agent_id,"
                        + " span_seconds, bucket, tool_key from rate_counter where bucket < ? fetch first ? rows only)",
                now.getEpochSecond() - RateWindows.KEEP_SECONDS,
                limit);
    }
}
