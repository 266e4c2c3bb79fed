package dev.mandate.decision.boundary;

import dev.mandate.decision.control.RateWindows;
import dev.mandate.platform.schema.DatabaseProduct;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Envelopes per agent and tool per time bucket (see {@link RateWindows}), for rate rules. */
@Stateless
public class RateCounters {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @Inject
    DatabaseProduct database;

    /**
     * Counts one envelope of the agent for the tool, in the caller's transaction. Call it while holding
     * the agent's audit-chain lock (after the audit append): decisions of one agent then never race for
     * the same counter rows, which lets the portable path update first and insert only when missing.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void count(String tenant, String agentId, String tool, Instant at) {
        long second = at.getEpochSecond();
        if (database.isPostgres()) {
            em.createNativeQuery(
                            "insert into rate_counter (tenant_id, agent_id, span_seconds, bucket, tool_key, envelopes)"
                                    + " values (?1, ?2, ?3, ?4, ?5, 1), (?1, ?2, ?6, ?7, ?5, 1)"
                                    + " on conflict (agent_id, span_seconds, bucket, tool_key)"
                                    + " do update set envelopes = rate_counter.envelopes + 1")
                    .setParameter(1, tenant)
                    .setParameter(2, agentId)
                    .setParameter(3, RateWindows.FINE_SPAN)
                    .setParameter(4, RateWindows.bucket(second, RateWindows.FINE_SPAN))
                    .setParameter(5, tool)
                    .setParameter(6, RateWindows.COARSE_SPAN)
                    .setParameter(7, RateWindows.bucket(second, RateWindows.COARSE_SPAN))
                    .executeUpdate();
            return;
        }
        for (int span : new int[] {RateWindows.FINE_SPAN, RateWindows.COARSE_SPAN}) {
            long bucket = RateWindows.bucket(second, span);
            int updated = em.createNativeQuery("update rate_counter set envelopes = envelopes + 1 where agent_id = ?1"
                            + " and span_seconds = ?2 and bucket = ?3 and tool_key = ?4")
                    .setParameter(1, agentId)
                    .setParameter(2, span)
                    .setParameter(3, bucket)
                    .setParameter(4, tool)
                    .executeUpdate();
            if (updated == 0) {
                em.createNativeQuery("insert into rate_counter (tenant_id, agent_id, span_seconds, bucket, tool_key,"
                                + " envelopes) values (?1, ?2, ?3, ?4, ?5, 1)")
                        .setParameter(1, tenant)
                        .setParameter(2, agentId)
                        .setParameter(3, span)
                        .setParameter(4, bucket)
                        .setParameter(5, tool)
                        .executeUpdate();
            }
        }
    }

    /** The counters rate rules read ({@code agent_minute}, {@code agent_hour}, {@code agent_tool_hour}). */
    public Map<String, Object> counters(String agentId, String tool, Instant now) {
        long second = now.getEpochSecond();
        List<?> rows = em.createNativeQuery("select span_seconds, tool_key, sum(envelopes) from rate_counter"
                        + " where agent_id = ?1 and ((span_seconds = ?2 and bucket >= ?3)"
                        + " or (span_seconds = ?4 and bucket >= ?5)) group by span_seconds, tool_key")
                .setParameter(1, agentId)
                .setParameter(2, RateWindows.FINE_SPAN)
                .setParameter(3, RateWindows.minuteFrom(second))
                .setParameter(4, RateWindows.COARSE_SPAN)
                .setParameter(5, RateWindows.hourFrom(second))
                .getResultList();
        List<RateWindows.Sum> sums = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            sums.add(new RateWindows.Sum(
                    ((Number) columns[0]).intValue(), (String) columns[1], ((Number) columns[2]).longValue()));
        }
        return RateWindows.counters(sums, tool);
    }

    /** Deletes up to {@code limit} buckets no window reads any more, in a transaction of their own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int prune(Instant now, int limit) {
        return em.createNativeQuery("delete from rate_counter where (agent_id, span_seconds, bucket, tool_key) in"
                        + " (select agent_id, span_seconds, bucket, tool_key from rate_counter where bucket < ?1"
                        + " fetch first ?2 rows only)")
                .setParameter(1, now.getEpochSecond() - RateWindows.KEEP_SECONDS)
                .setParameter(2, limit)
                .executeUpdate();
    }
}
