package dev.mandate.decision.control;

import dev.mandate.decision.entity.EnvelopeAnswer;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.error.ConstraintViolations;
import dev.mandate.platform.schema.DatabaseProduct;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Idempotency keys (IETF draft semantics), scoped to tenant + agent: the first request claims the key;
 * its answer is stored in the same transaction as its decision; a retry with the same body gets that
 * answer, with another body 422, while the first is still running 409. Keys are kept at least 24 h.
 *
 * <p>On PostgreSQL the claim is a transaction-scoped advisory lock on the key, taken without waiting in
 * the decision's own transaction ({@link #claimInDecision}): a concurrent request with the key finds it
 * taken (409) until the decision commits its answer or rolls back, and a crash leaves nothing behind.
 * On H2 the claim is an IN_FLIGHT row committed in a transaction of its own ({@link #claim}).
 */
@ApplicationScoped
public class IdempotencyKeys {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @Inject
    DatabaseProduct database;

    @Inject
    Sql sql;

    /** Whether the decision's transaction claims the key itself ({@link #claimInDecision}). */
    public boolean claimsInDecision() {
        return database.isPostgres();
    }

    /**
     * Claims the key for the caller's transaction (PostgreSQL): returns the stored answer of a finished
     * request with the same body; 409 while another transaction holds the key; 422 for another body.
     */
    @Transactional(TxType.MANDATORY)
    public Optional<EnvelopeAnswer> claimInDecision(String tenant, String agentId, String key, String requestHash) {
        // one statement: the lock (never waits) and the stored request, if any; the left join always
        // yields exactly one row, so the lock is tried exactly once
        Object[] row = sql.first(
                        "select pg_try_advisory_xact_lock(hashtextextended(?, 0)), k.request_hash, k.state,"
                                + " k.response_status, k.response_body, k.created_at from (select 1) one"
                                + " left join idempotency_key k on k.tenant_id = ? and k.agent_id = ? and k.idem_key = ?",
                        r -> new Object[] {
                            r.getBoolean(1),
                            r.getString(2),
                            r.getString(3),
                            r.getObject(4),
                            r.getString(5),
                            r.getObject(6)
                        },
                        tenant + "\n" + agentId + "\n" + key,
                        tenant,
                        agentId,
                        key)
                .orElseThrow();
        if (!Boolean.TRUE.equals(row[0])) {
            throw new IdempotencyInFlightException("a request with this Idempotency-Key is in progress; retry later");
        }
        if (row[1] == null) {
            return Optional.empty();
        }
        // an IN_FLIGHT row here was left by the H2-style claim of an earlier version: taken over when stale
        return answerOrTakeOver(requestHash, new Object[] {row[1], row[2], row[3], row[4], row[5]}, () -> {});
    }

    /**
     * Claims the key in a transaction of its own, so a concurrent request sees the claim at once (where
     * the decision does not claim it itself, see {@link #claimsInDecision}).
     * Returns the stored answer when this is a retry of a finished request.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<EnvelopeAnswer> claim(String tenant, String agentId, String key, String requestHash) {
        List<?> rows = existing(tenant, agentId, key);
        if (rows.isEmpty()) {
            try {
                insertClaim(tenant, agentId, key, requestHash);
                return Optional.empty();
            } catch (PersistenceException raced) {
                if (!ConstraintViolations.isIntegrityViolation(raced)) {
                    throw raced;
                }
                throw new IdempotencyInFlightException(
                        "a request with this Idempotency-Key is in progress; retry later");
            }
        }
        return answerOrTakeOver(requestHash, (Object[]) rows.get(0), () -> em.createNativeQuery(
                        "update idempotency_key set created_at = ?1 where tenant_id = ?2 and agent_id = ?3"
                                + " and idem_key = ?4 and state = 'IN_FLIGHT'")
                .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter(2, tenant)
                .setParameter(3, agentId)
                .setParameter(4, key)
                .executeUpdate());
    }

    /**
     * What an existing key means for this request (request_hash, state, response_status, response_body,
     * created_at): its stored answer, 422, 409, or (empty) a stale claim whose request died, taken over.
     */
    private static Optional<EnvelopeAnswer> answerOrTakeOver(String requestHash, Object[] row, Runnable takeOver) {
        if (!requestHash.equals(row[0])) {
            throw new IdempotencyKeyReusedException("this Idempotency-Key was used for a different request body");
        }
        if ("DONE".equals(row[1])) {
            return Optional.of(new EnvelopeAnswer(((Number) row[2]).intValue(), (String) row[3], true));
        }
        OffsetDateTime started = toOffsetDateTime(row[4]);
        long abandonAfter = ConfigKey.IDEMPOTENCY_IN_FLIGHT_SECONDS.get(Long.class);
        if (started.isBefore(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(abandonAfter))) {
            // the first attempt died without an answer (crash): this retry takes the key over
            takeOver.run();
            return Optional.empty();
        }
        throw new IdempotencyInFlightException("a request with this Idempotency-Key is in progress; retry later");
    }

    /** Stores the answer; runs in the decision's transaction, so answer and decision commit together. */
    @Transactional(TxType.MANDATORY)
    public void complete(String tenant, String agentId, String key, String requestHash, EnvelopeAnswer answer) {
        if (claimsInDecision()) {
            // no row yet (or a stale claim taken over): the answer is the key's first committed row
            sql.update(
                    "insert into idempotency_key (tenant_id, agent_id, idem_key, request_hash, state, response_status,"
                            + " response_body, created_at) values (?, ?, ?, ?, 'DONE', ?, ?, ?)"
                            + " on conflict (tenant_id, agent_id, idem_key) do update set state = 'DONE',"
                            + " response_status = excluded.response_status, response_body = excluded.response_body",
                    tenant,
                    agentId,
                    key,
                    requestHash,
                    answer.status(),
                    answer.body(),
                    OffsetDateTime.now(ZoneOffset.UTC));
            return;
        }
        em.createNativeQuery("update idempotency_key set state = 'DONE', response_status = ?1, response_body = ?2"
                        + " where tenant_id = ?3 and agent_id = ?4 and idem_key = ?5")
                .setParameter(1, answer.status())
                .setParameter(2, answer.body())
                .setParameter(3, tenant)
                .setParameter(4, agentId)
                .setParameter(5, key)
                .executeUpdate();
    }

    /** Frees a claimed key whose request failed before deciding, so the client can retry it. */
    @Transactional(TxType.REQUIRES_NEW)
    public void release(String tenant, String agentId, String key) {
        em.createNativeQuery("delete from idempotency_key where tenant_id = ?1 and agent_id = ?2 and idem_key = ?3"
                        + " and state = 'IN_FLIGHT'")
                .setParameter(1, tenant)
                .setParameter(2, agentId)
                .setParameter(3, key)
                .executeUpdate();
    }

    /**
     * Deletes up to {@code limit} keys created before {@code before} (and their stored answers), in a
     * transaction of their own; returns how many.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public int purge(java.time.Instant before, int limit) {
        return em.createNativeQuery("delete from idempotency_key where (tenant_id, agent_id, idem_key) in"
                        + " (select tenant_id, agent_id, idem_key from idempotency_key where created_at < ?1"
                        + " fetch first ?2 rows only)")
                .setParameter(1, before.atOffset(ZoneOffset.UTC))
                .setParameter(2, limit)
                .executeUpdate();
    }

    private List<?> existing(String tenant, String agentId, String key) {
        return em.createNativeQuery("select request_hash, state, response_status, response_body, created_at"
                        + " from idempotency_key where tenant_id = ?1 and agent_id = ?2 and idem_key = ?3")
                .setParameter(1, tenant)
                .setParameter(2, agentId)
                .setParameter(3, key)
                .getResultList();
    }

    private static OffsetDateTime toOffsetDateTime(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value.toString());
    }

    private int insertClaim(String tenant, String agentId, String key, String requestHash) {
        return em.createNativeQuery("insert into idempotency_key (tenant_id, agent_id, idem_key, request_hash, state,"
                        + " created_at) values (?1, ?2, ?3, ?4, 'IN_FLIGHT', ?5)")
                .setParameter(1, tenant)
                .setParameter(2, agentId)
                .setParameter(3, key)
                .setParameter(4, requestHash)
                .setParameter(5, OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
    }
}
